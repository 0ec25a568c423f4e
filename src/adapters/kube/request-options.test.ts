import https from 'node:https';
import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { createRequestOptions } from './request-options.ts';

async function prepared(
  options: k8s.ConfigurationOptions,
  agent: https.Agent,
): Promise<k8s.RequestContext> {
  const ctx = new k8s.RequestContext('https://127.0.0.1:6443/api/v1/pods', k8s.HttpMethod.GET);
  ctx.setAgent(agent);
  const [middleware] = options.middleware ?? [];
  if (middleware === undefined) throw new Error('no middleware');
  return middleware.pre(ctx).toPromise();
}

describe('createRequestOptions', () => {
  it('gives every request a timeout and one shared keep-alive agent with the client’s TLS options', async () => {
    const options = createRequestOptions(5000);
    const first = await prepared(options(), new https.Agent({ ca: 'CA-PEM' }));
    const second = await prepared(options(), new https.Agent({ ca: 'CA-PEM' }));
    const agent = first.getAgent();
    expect(agent).toBe(second.getAgent());
    expect(agent instanceof https.Agent && agent.options).toMatchObject({
      ca: 'CA-PEM',
      keepAlive: true,
    });
    expect(first.getSignal()?.aborted).toBe(false);
  });

  it('leaves proxy agents alone, and gives each adapter its own agent', async () => {
    class ProxyAgent extends https.Agent {}
    const proxy = new ProxyAgent();
    expect((await prepared(createRequestOptions(5000)(), proxy)).getAgent()).toBe(proxy);
    const a = await prepared(createRequestOptions(5000)(), new https.Agent());
    const b = await prepared(createRequestOptions(5000)(), new https.Agent());
    expect(a.getAgent()).not.toBe(b.getAgent());
  });
});
