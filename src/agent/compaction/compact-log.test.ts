import { describe, expect, it } from 'vitest';
import { compactLog } from './compact-log.ts';

const retries = Array.from(
  { length: 300 },
  (_, i) =>
    `2026-11-22T03:14:${String(i % 60).padStart(2, '0')}.${100 + i}Z INFO  retrying connection attempt=${i} backoff=${i * 10}ms`,
);

describe('compactLog', () => {
  it('collapses lines that differ only in timestamps and numbers, with a count', () => {
    const out = compactLog(
      [...retries, '2026-11-22T03:15:00Z ERROR dial tcp: lookup db.payment.svc: no such host'].join(
        '\n',
      ),
    );
    expect(out).toContain('[×300]');
    expect(out).toContain('ERROR dial tcp: lookup db.payment.svc: no such host');
    expect(out.split('\n')).toHaveLength(3);
    expect(out).toMatch(/^\[compacted log: 301 lines; 299 repeats collapsed/);
  });

  it('keeps every distinct error line and the tail when the cap forces dropping, and says so', () => {
    const noise = Array.from(
      { length: 400 },
      (_, i) => `INFO handled request path=/item/${'x'.repeat(i % 40)} user=u${i}`,
    );
    const errors = [
      'ERROR payment gateway refused: 503',
      'FATAL cannot open /data/db: permission denied',
    ];
    const text = [
      ...noise.slice(0, 200),
      errors[0],
      ...noise.slice(200),
      errors[1],
      'INFO shutting down',
    ].join('\n');
    const out = compactLog(text, { maxBytes: 2_000 });
    expect(Buffer.byteLength(out)).toBeLessThan(2_300);
    for (const e of errors) expect(out).toContain(e);
    expect(out).toContain('INFO shutting down');
    expect(out).toMatch(/distinct non-error lines dropped to fit 2000 bytes/);
  });

  it('leaves a short log without repeats as it is', () => {
    expect(compactLog('a started\nb ready')).toBe('a started\nb ready');
  });
});
