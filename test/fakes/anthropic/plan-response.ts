import { cacheableUnits } from './cacheable-units.ts';
import type { Fault } from './fake-types.ts';
import type { PromptCache } from './prompt-cache.ts';
import type { MessagesRequest } from './request-schema.ts';
import { validateMessagesRequest } from './request-validation.ts';
import { effectOf, errorPlan, type ResponsePlan, streamErrorAsHttp } from './response-plan.ts';
import type { FakeIds } from './sequential-ids.ts';
import type { TurnSource } from './turn-source.ts';
import { buildWireMessage } from './wire-message.ts';

export interface IncomingRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; `undefined` when the body was not JSON. */
  readonly body: unknown;
}

export interface PlannerDeps {
  readonly apiKey: string | undefined;
  readonly faults: Fault[];
  readonly turns: TurnSource;
  readonly cache: PromptCache;
  readonly ids: FakeIds;
  /** Told about a request that passed validation, before its turn is taken. */
  readonly onAccepted: (request: MessagesRequest) => void;
  /** Waits, resolving to false if the client went away meanwhile. */
  readonly waitForClient: (ms: number) => Promise<boolean>;
}

/**
 * Decides the answer to one request, in the order the real API checks:
 * route, authentication, then (our injected) faults, then the version header
 * and the body, then the scripted turn (after any injected delay).
 */
export async function planResponse(
  incoming: IncomingRequest,
  deps: PlannerDeps,
): Promise<ResponsePlan> {
  const rejected = routeRejection(incoming) ?? authRejection(incoming.headers, deps.apiKey);
  if (rejected !== undefined) return rejected;
  const effect = effectOf(deps.faults.shift());
  if (effect.replacement !== undefined) return effect.replacement;
  if (incoming.headers['anthropic-version'] === undefined) {
    return errorPlan(400, 'anthropic-version: header is required');
  }
  const validation = validateMessagesRequest(incoming.body);
  if (!validation.ok) return errorPlan(400, validation.message);
  const request = validation.request;
  deps.onAccepted(request);
  if (effect.streamError !== undefined && request.stream !== true) {
    return streamErrorAsHttp(effect.streamError);
  }
  // A client that times out during a delay has consumed no turn: its retry gets it.
  if (!(await deps.waitForClient(effect.delayMs))) return { kind: 'silence' };
  const turn = await deps.turns.next(request);
  if (turn === undefined) {
    return errorPlan(
      500,
      'anthropic fake: no scripted turn left for this request; call fake.script([...]) or fake.respond(fn)',
      { 'x-should-retry': 'false' },
    );
  }
  const message = buildWireMessage({
    id: deps.ids.message(),
    model: request.model,
    turn,
    input: deps.cache.account(request.model, cacheableUnits(request)),
    newToolUseId: deps.ids.toolUse,
  });
  return {
    kind: 'message',
    message,
    stream: request.stream === true,
    streamError: effect.streamError,
  };
}

function routeRejection(incoming: IncomingRequest): ResponsePlan | undefined {
  const pathname = incoming.path.split('?')[0];
  return incoming.method === 'POST' && pathname === '/v1/messages'
    ? undefined
    : errorPlan(404, `Not Found: ${incoming.method} ${pathname ?? ''}`);
}

/** The real API takes the key as `x-api-key` or, as SDK 1.x sends it, `Authorization: Bearer`. */
function authRejection(
  headers: Readonly<Record<string, string>>,
  apiKey: string | undefined,
): ResponsePlan | undefined {
  const sent = headers['x-api-key'] ?? headers.authorization?.replace(/^Bearer /, '');
  if (sent === undefined) return errorPlan(401, 'x-api-key header is required');
  return apiKey !== undefined && sent !== apiKey ? errorPlan(401, 'invalid x-api-key') : undefined;
}
