import { describe, expect, it } from 'vitest';
import {
  badRollout,
  crashLooping,
  endpointSlice,
  NS,
  pod,
  service,
  snapshotOf,
} from '../../../test/support/fixtures/index.ts';
import { analyzeServices } from './service-endpoints.ts';

const checked = [`Pod/${NS}/*`];

describe('analyzeServices', () => {
  it('shows a selector typo next to the labels the pods really have', () => {
    const pods = ['a', 'b'].map((s) =>
      pod(`checkout-${s}`, { labels: { app: 'checkout', tier: 'web' } }),
    );
    const [finding] = analyzeServices(
      snapshotOf({
        services: [service('checkout', { app: 'checkout-api' })],
        endpointSlices: [endpointSlice('checkout', [])],
        pods,
        checked,
      }),
    );
    expect(finding?.object).toBe(`Service/${NS}/checkout`);
    expect(finding?.summary).toContain(
      'selector app=checkout-api matches no pod (no pod has app=checkout-api; pods have app=checkout)',
    );
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({ object: `Pod/${NS}/checkout-a`, text: 'app=checkout,tier=web' }),
    );
    expect(finding?.affected).toEqual([]);
    expect(finding?.confidence).toBe(0.9);
  });

  it('says which pods match but are not Ready', () => {
    const crasher = pod('api-a', { labels: { app: 'api' }, statuses: [crashLooping()] });
    const [finding] = analyzeServices(
      snapshotOf({
        services: [service('api', { app: 'api' })],
        endpointSlices: [endpointSlice('api', [], ['api-a'])],
        pods: [crasher],
        checked,
      }),
    );
    expect(finding?.summary).toContain('matches 1 pod(s), none Ready (CrashLoopBackOff');
    expect(finding?.affected).toEqual([`Pod/${NS}/api-a`]);
  });

  it('is quiet while some endpoint is ready, and when the pods were not listed', () => {
    expect(analyzeServices(badRollout())).toEqual([]);
    const unlisted = snapshotOf({ services: [service('x', { app: 'x' })] });
    expect(analyzeServices(unlisted)).toEqual([]);
  });
});
