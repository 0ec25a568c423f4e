import { describe, expect, it } from 'vitest';
import { hostAllowed, httpCheckTool } from './http-check-tool.ts';

const context = { signal: new AbortController().signal, progress: () => undefined };

describe('http_check', () => {
  it('refuses hosts off the allowlist without making a request', async () => {
    const requested: string[] = [];
    const tool = httpCheckTool({
      allowedHosts: ['*.shop.svc', 'status.example.com'],
      fetch: async (url) => {
        requested.push(String(url));
        return new Response('ok');
      },
    });
    const out = await tool.run({ url: 'http://169.254.169.254/latest/meta-data' }, context);
    expect(out).toMatchObject({
      isError: true,
      text: expect.stringContaining('not on the allowlist'),
    });
    expect(requested).toEqual([]);
    expect(hostAllowed('checkout.shop.svc', ['*.shop.svc'])).toBe(true);
    expect(hostAllowed('evil-shop.svc', ['*.shop.svc'])).toBe(false);
  });

  it('answers status and caps the body', async () => {
    const tool = httpCheckTool({
      allowedHosts: ['status.example.com'],
      maxBytes: 10,
      fetch: async () => new Response('x'.repeat(1000), { status: 503 }),
    });
    const out = await tool.run({ url: 'https://status.example.com/health' }, context);
    expect(out.text).toMatch(/^HTTP 503 in \d+ ms\nxxxxxxxxxx\n\[body cut\]$/);
  });
});
