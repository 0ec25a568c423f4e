import { describe, expect, it } from 'vitest';
import {
  crashLooping,
  event,
  NS,
  pod,
  running,
  snapshotOf,
} from '../../../test/support/fixtures/index.ts';
import { analyzeCrashLoops } from './crash-loop.ts';

const previousLog = [
  '2026-11-22T03:14:07.120Z INFO  starting checkout-api v2.4.1',
  '2026-11-22T03:14:07.401Z WARN  DATABASE_POOL_SIZE not set, using default 10',
  '2026-11-22T03:14:12.914Z ERROR dial tcp 10.96.44.12:5432: connect: connection refused',
  '2026-11-22T03:14:12.915Z FATAL could not connect to database after 5s',
];

describe('analyzeCrashLoops', () => {
  it('names the container, exit code, restarts, and quotes the decisive lines of the previous log', () => {
    const crasher = pod('checkout-1', { statuses: [crashLooping('app', { restarts: 7 })] });
    const [finding, ...rest] = analyzeCrashLoops(
      snapshotOf({
        pods: [crasher, pod('healthy')],
        events: [
          event(
            { kind: 'Pod', name: 'checkout-1' },
            'BackOff',
            'Back-off restarting failed container',
            { count: 12 },
          ),
        ],
        logs: [
          {
            namespace: NS,
            pod: 'checkout-1',
            container: 'app',
            previous: true,
            lines: previousLog,
          },
        ],
      }),
    );
    expect(rest).toEqual([]);
    expect(finding?.category).toBe('CrashLoopBackOff');
    expect(finding?.object).toBe(`Pod/${NS}/checkout-1`);
    expect(finding?.summary).toContain('exit code 1');
    expect(finding?.summary).toContain('7 restarts');
    expect(finding?.summary).toContain('FATAL could not connect to database after 5s');
    const logs = finding?.evidence.filter((e) => e.source === 'log').map((e) => e.text);
    expect(logs).toEqual([previousLog[2], previousLog[3]]);
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        source: 'event',
        text: 'Warning BackOff (x12): Back-off restarting failed container',
      }),
    );
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        path: 'status.containerStatuses[app].lastState.terminated',
        text: 'exit code 1 (Error)',
      }),
    );
    expect(finding?.action).toBeNull();
  });

  it('is less confident without logs, and leaves OOM kills to the OOMKilled analyzer', () => {
    const findings = analyzeCrashLoops(
      snapshotOf({
        pods: [
          pod('a', { statuses: [crashLooping('app')] }),
          pod('b', { statuses: [crashLooping('app', { exitCode: 137, reason: 'OOMKilled' })] }),
          pod('c', { statuses: [running('app', true, 3)] }),
        ],
      }),
    );
    expect(findings.map((f) => f.object)).toEqual([`Pod/${NS}/a`]);
    expect(findings[0]?.confidence).toBeLessThan(0.7);
  });
});
