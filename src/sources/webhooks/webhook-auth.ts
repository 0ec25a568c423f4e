import { hash, timingSafeEqual } from 'node:crypto';
import type { Source } from '../../core/resources/index.ts';

/**
 * Webhook authentication: bearer token or basic, the secret read from a
 * Kubernetes Secret, compared in constant time (digests of equal length,
 * so neither content nor length leaks through timing).
 */
export interface SecretReader {
  read(namespace: string, name: string, key: string): Promise<string | undefined>;
}

/** `message` is safe to return to the caller; `detail` is for the log only. */
export type AuthOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string; readonly detail?: string };

function same(a: string, b: string): boolean {
  return timingSafeEqual(hash('sha256', a, 'buffer'), hash('sha256', b, 'buffer'));
}

type WebhookSpec = Extract<Source['spec'], { type: 'alertmanager' | 'api' }>;

export async function authenticate(
  spec: WebhookSpec,
  namespace: string,
  header: string | undefined,
  secrets: SecretReader,
): Promise<AuthOutcome> {
  const auth = spec.auth;
  if (auth === undefined) return { ok: true };
  const expected = await secrets.read(namespace, auth.secretKeyRef.name, auth.secretKeyRef.key);
  if (expected === undefined) {
    return {
      ok: false,
      message: `the Source's secret ${auth.secretKeyRef.name}/${auth.secretKeyRef.key} is missing`,
    };
  }
  if (header === undefined) return { ok: false, message: 'missing Authorization header' };
  if (auth.type === 'bearer') {
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    return token !== undefined && same(token, expected)
      ? { ok: true }
      : { ok: false, message: 'invalid bearer token' };
  }
  const encoded = /^Basic\s+(.+)$/i.exec(header)?.[1];
  const decoded = encoded === undefined ? '' : Buffer.from(encoded, 'base64').toString('utf8');
  const ok = same(decoded, `${auth.username}:${expected}`);
  return ok ? { ok: true } : { ok: false, message: 'invalid basic credentials' };
}
