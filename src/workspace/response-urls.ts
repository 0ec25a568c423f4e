// response_url endpoints: minted when the workspace delivers a slash command or block_actions,
// they record what the bot posts and apply it (ephemeral, in_channel, replace, delete).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { attachmentsField, blocksField, boolField, tsField } from './arg-schemas.ts';
import { mediaType, readBody, sendJson } from './http-io.ts';
import type { IdSource } from './ids.ts';
import { createObservedLog, type ObservedLog } from './observed-log.ts';
import { applyResponse } from './response-effects.ts';
import type { WorkspaceIdentity } from './workspace-options.ts';
import type { Workspace } from './workspace-state.ts';

export const RESPONSE_URL_PATH = '/hooks/';
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

export interface ResponseUrlSource {
  kind: 'command' | 'block_actions';
  channel: string;
  user: string;
  /** For block_actions: the message holding the clicked element. */
  messageTs?: string;
}

const responseBody = z.looseObject({
  text: z.string().optional(),
  blocks: blocksField.optional(),
  attachments: attachmentsField.optional(),
  response_type: z.enum(['in_channel', 'ephemeral']).optional(),
  replace_original: boolField.optional(),
  delete_original: boolField.optional(),
  thread_ts: tsField.optional(),
});

export type ResponseBody = z.infer<typeof responseBody>;

export type ResponseEffect = 'ephemeral' | 'in_channel' | 'replaced' | 'deleted';

export interface ResponseUrlPost {
  url: string;
  source: ResponseUrlSource;
  at: number;
  body: ResponseBody;
  effect: ResponseEffect;
}

export interface ResponseUrls {
  mint(source: ResponseUrlSource): string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  posts: ObservedLog<ResponseUrlPost>;
}

interface Minted {
  source: ResponseUrlSource;
  mintedAt: number;
  uses: number;
}

interface Deps {
  workspace: Workspace;
  identity: WorkspaceIdentity;
  ids: IdSource;
  now: () => number;
  baseUrl: () => string;
}

function decode(req: IncomingMessage, raw: Buffer): unknown {
  const text = raw.toString('utf8');
  try {
    if (mediaType(req) !== 'application/x-www-form-urlencoded') return JSON.parse(text) as unknown;
    return JSON.parse(new URLSearchParams(text).get('payload') ?? '') as unknown;
  } catch {
    return undefined;
  }
}

type Checked =
  | { ok: true; entry: Minted; body: ResponseBody }
  | { ok: false; status: number; error: string };

function hasContent(body: ResponseBody): boolean {
  return (
    Boolean(body.text) || (body.blocks?.length ?? 0) > 0 || (body.attachments?.length ?? 0) > 0
  );
}

function check(entry: Minted | undefined, decoded: unknown, now: number): Checked {
  if (entry === undefined || now - entry.mintedAt > LIFETIME_MS) {
    return { ok: false, status: 404, error: 'expired_url' };
  }
  if (entry.uses >= MAX_USES) return { ok: false, status: 404, error: 'used_url' };
  const parsed = responseBody.safeParse(decoded);
  if (!parsed.success) return { ok: false, status: 400, error: 'invalid_payload' };
  if (parsed.data.delete_original !== true && !hasContent(parsed.data)) {
    return { ok: false, status: 400, error: 'no_text' };
  }
  return { ok: true, entry, body: parsed.data };
}

export function createResponseUrls(deps: Deps): ResponseUrls {
  const minted = new Map<string, Minted>();
  const posts = createObservedLog<ResponseUrlPost>('a post to a response_url');

  return {
    posts,
    mint(source) {
      const folder = source.kind === 'command' ? 'commands' : 'actions';
      const path = `${RESPONSE_URL_PATH}${folder}/${deps.identity.team.id}/${deps.ids.next('')}/${deps.ids.next('s')}`;
      minted.set(path, { source, mintedAt: deps.now(), uses: 0 });
      return `${deps.baseUrl()}${path}`;
    },
    async handle(req, res) {
      const path = new URL(req.url ?? '/', deps.baseUrl()).pathname;
      const raw = await readBody(req);
      const checked = check(minted.get(path), decode(req, raw), deps.now());
      if (!checked.ok) {
        sendJson(res, checked.status, { ok: false, error: checked.error });
        return;
      }
      const { entry, body } = checked;
      entry.uses += 1;
      const effect = applyResponse(deps, entry.source, body);
      const url = `${deps.baseUrl()}${path}`;
      posts.push({ url, source: entry.source, at: deps.now(), body, effect });
      sendJson(res, 200, { ok: true });
    },
  };
}
