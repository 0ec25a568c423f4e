import { describe, expect, it } from 'vitest';
import {
  container,
  crashLooping,
  event,
  NS,
  pod,
  running,
  snapshotOf,
} from '../../../test/support/fixtures/index.ts';
import { analyzeProbeFailures } from './probe-failure.ts';

const probe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 };

describe('analyzeProbeFailures', () => {
  it('reports a Running pod that is never Ready, quoting the Unhealthy events and the probe', () => {
    const sleepy = pod('sleepy', {
      statuses: [running('app', false)],
      spec: { containers: [container('app', { readinessProbe: probe })] },
    });
    const [finding] = analyzeProbeFailures(
      snapshotOf({
        pods: [sleepy, pod('fine')],
        events: [
          event(
            { kind: 'Pod', name: 'sleepy' },
            'Unhealthy',
            'Readiness probe failed: HTTP probe failed with statuscode: 503',
            { count: 14 },
          ),
        ],
      }),
    );
    expect(finding?.category).toBe('ProbeFailure');
    expect(finding?.object).toBe(`Pod/${NS}/sleepy`);
    expect(finding?.summary).toContain(
      'is Running but never Ready: Readiness probe failed: HTTP probe failed with statuscode: 503 (x14)',
    );
    expect(finding?.evidence.map((e) => e.source)).toEqual(['event', 'field', 'field']);
    expect(finding?.evidence[2]).toMatchObject({
      path: 'spec.containers[app].readinessProbe',
      text: JSON.stringify(probe),
    });
    expect(finding?.severity).toBe('medium');
  });

  it('rates liveness failures higher, and leaves crash loops to their analyzer', () => {
    const live = pod('live', { statuses: [running('app', true, 2)] });
    const findings = analyzeProbeFailures(
      snapshotOf({
        pods: [live, pod('crash', { statuses: [crashLooping()] })],
        events: [
          event(
            { kind: 'Pod', name: 'live' },
            'Unhealthy',
            'Liveness probe failed: Get "http://10.0.0.3:8080/healthz": context deadline exceeded',
          ),
        ],
      }),
    );
    expect(findings.map((f) => f.object)).toEqual([`Pod/${NS}/live`]);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.summary).toContain('fails its liveness probe');
  });
});
