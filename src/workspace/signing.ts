// Slack's v0 request signature: hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`.
import { createHmac } from 'node:crypto';

export function signV0(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return `v0=${digest}`;
}

/** Ways a test can spoil a delivery to prove the receiver refuses it. */
export interface Tamper {
  /** Sign with a different secret. */
  badSignature?: boolean;
  omitSignature?: boolean;
  omitTimestamp?: boolean;
  /** Shift the signed timestamp; -360 is a six-minute-old (stale) request. */
  timestampSkewSeconds?: number;
}

export const STALE_BY_SIX_MINUTES: Tamper = { timestampSkewSeconds: -6 * 60 };

export function signedHeaders(
  signingSecret: string,
  nowMs: number,
  rawBody: string,
  tamper: Tamper = {},
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000) + (tamper.timestampSkewSeconds ?? 0);
  const secret = tamper.badSignature ? `${signingSecret}-not` : signingSecret;
  return {
    ...(!tamper.omitTimestamp && { 'x-slack-request-timestamp': String(timestamp) }),
    ...(!tamper.omitSignature && { 'x-slack-signature': signV0(secret, timestamp, rawBody) }),
  };
}
