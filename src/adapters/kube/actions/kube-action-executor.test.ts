import { describe, expect, it } from 'vitest';
import { createKubeActionExecutor } from './kube-action-executor.ts';
import type { RemediationApi } from './remediation-api.ts';

/** What the executor refuses before it makes any call to the cluster. */
const untouched: RemediationApi = {
  read: () => Promise.reject(new Error('no call expected')),
  list: () => Promise.reject(new Error('no call expected')),
  patch: () => Promise.reject(new Error('no call expected')),
  create: () => Promise.reject(new Error('no call expected')),
  remove: () => Promise.reject(new Error('no call expected')),
  evict: () => Promise.reject(new Error('no call expected')),
};
const executor = createKubeActionExecutor({ api: untouched, clock: { now: () => new Date() } });

describe('createKubeActionExecutor', () => {
  it('names the param that is wrong', async () => {
    const req = {
      id: 'p1',
      action: 'scale' as const,
      target: 'Deployment/shop/web',
      params: { replicas: -1 },
    };
    expect(await executor.execute(req)).toEqual({
      ok: false,
      message: 'params of scale.replicas: Too small: expected number to be >=0',
    });
    const extra = { ...req, params: { replicas: 2, force: true } };
    expect(await executor.dryRun(extra)).toMatchObject({
      ok: false,
      summary: expect.stringContaining('params of scale: Unrecognized key: "force"'),
    });
  });

  it('refuses a target of the wrong kind or shape, on every method', async () => {
    const req = { id: 'p1', action: 'drain_node' as const, target: 'Pod/shop/web-1', params: {} };
    const message = 'drain_node acts on Node, not on "Pod" (target "Pod/shop/web-1")';
    expect(await executor.execute(req)).toEqual({ ok: false, message });
    expect(await executor.dryRun(req)).toEqual({ ok: false, summary: message });
    expect(await executor.verify(req, 1000)).toEqual({ ok: false, timedOut: false, message });
  });

  it('turns a failing cluster call into a result naming the action and target', async () => {
    const req = { id: 'p1', action: 'cordon_node' as const, target: 'Node/n1', params: {} };
    expect(await executor.execute(req)).toEqual({
      ok: false,
      message: 'cordon_node on Node/n1 failed: no call expected',
    });
  });
});

describe('the params only its own undo requests carry', () => {
  it('accepts them by shape and refuses anything else', async () => {
    const restart = {
      id: 'p1-undo',
      action: 'rollout_restart' as const,
      target: 'StatefulSet/shop/db',
      params: { restoreRestartedAt: 7 },
    };
    expect(await executor.execute(restart)).toMatchObject({
      ok: false,
      message: expect.stringContaining('params of rollout_restart.restoreRestartedAt'),
    });
    const resources = {
      id: 'p2-undo',
      action: 'set_resources' as const,
      target: 'DaemonSet/shop/agent',
      params: { container: 'app', unset: { limits: ['gpu'] } },
    };
    expect(await executor.execute(resources)).toMatchObject({
      ok: false,
      message: expect.stringContaining('params of set_resources.unset.limits.0'),
    });
    // Well-formed, they reach the cluster (here: a port that refuses every call).
    const valid = { ...restart, params: { restoreRestartedAt: null } };
    expect(await executor.execute(valid)).toEqual({
      ok: false,
      message: 'rollout_restart on StatefulSet/shop/db failed: no call expected',
    });
  });
});
