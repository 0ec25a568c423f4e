import { hash } from 'node:crypto';

/**
 * An event's fingerprint from its identifying text: 32 hex characters of
 * SHA-256, the same for every Source type, so dedup keys and the Redis
 * records that hold them stay one length.
 */
export const fingerprintOf = (text: string): string => hash('sha256', text, 'hex').slice(0, 32);
