import { describe, expect, it } from 'vitest';
import {
  container,
  crashLooping,
  deployment,
  NS,
  pod,
  replicaSet,
  snapshotOf,
  template,
} from '../../../test/support/fixtures/index.ts';
import { analyzeOomKills } from './oom-killed.ts';

const limited = { containers: [container('app', { resources: { limits: { memory: '256Mi' } } })] };
const oom = crashLooping('app', { exitCode: 137, reason: 'OOMKilled', restarts: 4 });

describe('analyzeOomKills', () => {
  it('quotes the limit and proposes doubling it on the owning Deployment', () => {
    const rs = replicaSet('api-7d9c', 'api', 1, template(limited, { app: 'api' }), {
      replicas: 1,
      ready: 0,
    });
    const snapshot = snapshotOf({
      deployments: [deployment('api')],
      replicaSets: [rs],
      pods: [
        pod('api-7d9c-x1', {
          spec: limited,
          statuses: [oom],
          owner: { kind: 'ReplicaSet', name: 'api-7d9c' },
        }),
      ],
    });
    const [finding] = analyzeOomKills(snapshot);
    expect(finding?.category).toBe('OOMKilled');
    expect(finding?.summary).toContain('memory limit of 256Mi');
    expect(finding?.evidence.map((e) => e.text)).toEqual(
      expect.arrayContaining(['OOMKilled (exit code 137)', '256Mi', '4']),
    );
    expect(finding?.action).toEqual({
      action: 'set_resources',
      target: `Deployment/${NS}/api`,
      params: { container: 'app', limits: { memory: '512Mi' } },
      rationale: expect.stringContaining('raise the limit to 512Mi'),
    });
  });

  it('uses the measured usage when it is above twice the limit', () => {
    const snapshot = snapshotOf({
      pods: [
        pod('api-1', {
          spec: limited,
          statuses: [oom],
          owner: { kind: 'StatefulSet', name: 'api' },
        }),
      ],
      usage: [{ namespace: NS, pod: 'api-1', container: 'app', memoryBytes: 600 * 2 ** 20 }],
    });
    const [finding] = analyzeOomKills(snapshot);
    expect(finding?.action?.params).toEqual({ container: 'app', limits: { memory: '900Mi' } });
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({ source: 'metric', text: '600Mi' }),
    );
  });

  it('proposes nothing for a bare pod or a container without a limit', () => {
    const snapshot = snapshotOf({
      pods: [
        pod('bare', { spec: limited, statuses: [oom] }),
        pod('nolimit', { statuses: [oom], owner: { kind: 'StatefulSet', name: 'db' } }),
      ],
    });
    const findings = analyzeOomKills(snapshot);
    expect(findings).toHaveLength(2);
    expect(findings.map((f) => f.action)).toEqual([null, null]);
    expect(findings[1]?.summary).toContain('without a memory limit');
  });
});
