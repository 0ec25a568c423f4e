import { describe, expect, it } from 'vitest';
import {
  container,
  event,
  NS,
  pod,
  snapshotOf,
  waiting,
} from '../../../test/support/fixtures/index.ts';
import { analyzeImagePulls } from './image-pull.ts';

const image = 'registry.example/checkout:2.5.0-rc9';
const spec = { containers: [container('app', { image })] };

describe('analyzeImagePulls', () => {
  it('names the image and tag, and says the tag does not exist', () => {
    const puller = pod('checkout-1', {
      spec,
      phase: 'Pending',
      statuses: [waiting('app', 'ImagePullBackOff', `Back-off pulling image "${image}"`)],
    });
    const pullFailed = event(
      { kind: 'Pod', name: 'checkout-1' },
      'Failed',
      `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
    );
    const [finding] = analyzeImagePulls(snapshotOf({ pods: [puller], events: [pullFailed] }));
    expect(finding?.object).toBe(`Pod/${NS}/checkout-1`);
    expect(finding?.summary).toContain('tag "2.5.0-rc9"');
    expect(finding?.summary).toContain('does not exist');
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({ path: 'spec.containers[app].image', text: image }),
    );
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        source: 'event',
        text: expect.stringContaining('code = NotFound'),
      }),
    );
    expect(finding?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('tells a registry that refuses access from a missing tag', () => {
    const puller = pod('p', {
      spec: { containers: [container('app', { image: 'private.example/app' })] },
      statuses: [
        waiting(
          'app',
          'ErrImagePull',
          'pull access denied, repository does not exist or may require authorization: authorization failed',
        ),
      ],
    });
    const [finding] = analyzeImagePulls(snapshotOf({ pods: [puller] }));
    expect(finding?.summary).toContain('tag "latest"');
    expect(finding?.summary).toContain('the registry refused access');
  });

  it('ignores containers that are starting or running', () => {
    const starting = pod('s', { statuses: [waiting('app', 'ContainerCreating', '')] });
    expect(analyzeImagePulls(snapshotOf({ pods: [starting, pod('ok')] }))).toEqual([]);
  });
});
