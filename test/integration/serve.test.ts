import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { serve } from '../../src/wiring/serve.ts';

/** `punchingfist serve` against the real Redis and API server: health, readiness, metrics, local mode. */
const env = inject('testenv');
const base = {
  KUBECONFIG: env.KUBECONFIG,
  REDIS_URL: env.REDIS_URL,
  PORT: '0',
  LOG_LEVEL: 'silent',
};

describe('serve', () => {
  it('answers /healthz, /readyz (Redis and Kubernetes checked) and /metrics', async () => {
    const running = await serve(base, { role: 'all' });
    try {
      const url = `http://127.0.0.1:${running.port}`;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { redis: true, kubernetes: true },
      });
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('process_cpu_user_seconds_total');
      const missing = await fetch(`${url}/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: 'not_found' });
    } finally {
      await running.stop();
    }
  });

  it('is not ready while Redis is unreachable', async () => {
    const running = await serve({ ...base, REDIS_URL: 'redis://127.0.0.1:1' }, { role: 'ingest' });
    try {
      const ready = await fetch(`http://127.0.0.1:${running.port}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { redis: false, kubernetes: true } });
    } finally {
      await running.stop();
    }
  });

  it('runs in local mode from --config, and refuses a bad one naming file and field', async () => {
    const local = await serve(base, { role: 'all', configDir: path.resolve('examples') });
    await local.stop();
    const dir = mkdtempSync(path.join(tmpdir(), 'pf-bad-'));
    writeFileSync(
      path.join(dir, 'wf.yaml'),
      'apiVersion: punchingfist.io/v1alpha1\nkind: Workflow\nmetadata: { name: w }\nspec: { steps: [] }\n',
    );
    await expect(serve(base, { role: 'all', configDir: dir })).rejects.toThrow(
      /wf\.yaml: document 1 \(line 1\): spec\.steps/,
    );
  });

  it('reports every bad environment variable at once', async () => {
    await expect(
      serve({ ...base, PORT: 'x', LOG_LEVEL: 'chatty' }, { role: 'all' }),
    ).rejects.toThrow(/PORT: .*\n.*LOG_LEVEL/s);
  });
});
