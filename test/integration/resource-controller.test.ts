import * as k8s from '@kubernetes/client-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { restartApiserver } from '../../scripts/testenv/cluster.ts';
import { testenvPaths } from '../../scripts/testenv/paths.ts';
import { createCelEvaluator } from '../../src/adapters/cel/cel-evaluator.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import {
  createResourceController,
  type ResourceController,
} from '../../src/controllers/resource-controller.ts';
import { createStatusCounters } from '../../src/controllers/status-counters.ts';
import { createRegistry, type MutableRegistry } from '../../src/core/config-registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import { eventually, testNamespace } from '../support/kube.ts';

/**
 * The controller against the real API server: it keeps the registry the app
 * reads, and writes Ready conditions that say what is wrong by field.
 */
const env = inject('testenv');
const group = 'punchingfist.io';
const version = 'v1alpha1';
const { k, ns } = testNamespace(env.KUBECONFIG, 'controller');
let registry: MutableRegistry;
let controller: ResourceController;
const cel = createCelEvaluator();

beforeAll(async () => {
  registry = createRegistry();
  controller = createResourceController({
    kc: k.kc,
    custom: k.custom,
    status: createStatusWriter(k.custom),
    registry,
    logger: pino({ level: 'silent' }),
    clock: systemClock,
    namespace: ns,
    checkExpression: (e) => cel.check(e),
  });
  await controller.start();
});
afterAll(async () => {
  await controller.stop();
});

const create = (plural: string, body: object) =>
  k.custom.createNamespacedCustomObject({ group, version, namespace: ns, plural, body });

interface Status {
  conditions?: {
    type: string;
    status: string;
    reason: string;
    message: string;
    observedGeneration?: number;
  }[];
  webhookPath?: string;
  stepCount?: number;
  observedGeneration?: number;
}
async function readyOf(plural: string, name: string): Promise<Status> {
  const obj = (await k.custom.getNamespacedCustomObject({
    group,
    version,
    namespace: ns,
    plural,
    name,
  })) as { status?: Status };
  return obj.status ?? {};
}
const ready = (s: Status) => s.conditions?.find((c) => c.type === 'Ready');

const source = (name: string, workflow: string) => ({
  apiVersion: `${group}/${version}`,
  kind: 'Source',
  metadata: { name },
  spec: { type: 'alertmanager', workflowRef: { name: workflow } },
});
const workflow = (name: string, sinks: string[] = []) => ({
  apiVersion: `${group}/${version}`,
  kind: 'Workflow',
  metadata: { name },
  spec: {
    steps: [{ name: 'analyze', type: 'analyze' }],
    sinks: sinks.map((s) => ({ sinkRef: { name: s } })),
  },
});

describe('resource controller', () => {
  it('marks a Source whose Workflow is missing Ready=False, then Ready=True once it exists', async () => {
    await create('sources', source('alerts', 'triage'));
    const missing = await eventually('WorkflowNotFound', async () => {
      const s = await readyOf('sources', 'alerts');
      return ready(s)?.reason === 'WorkflowNotFound' ? s : undefined;
    });
    expect(ready(missing)).toMatchObject({ status: 'False', observedGeneration: 1 });
    expect(ready(missing)?.message).toContain('spec.workflowRef.name');
    expect(missing.webhookPath).toBe(`/webhooks/${ns}/alerts`);
    expect(registry.sourceForPath(`/webhooks/${ns}/alerts`)?.metadata.name).toBe('alerts');

    await create('workflows', workflow('triage'));
    const ok = await eventually('Source Ready', async () => {
      const s = await readyOf('sources', 'alerts');
      return ready(s)?.status === 'True' ? s : undefined;
    });
    expect(ready(ok)?.reason).toBe('Valid');
    const wf = await eventually('Workflow Ready', async () => {
      const s = await readyOf('workflows', 'triage');
      return ready(s)?.status === 'True' ? s : undefined;
    });
    expect(wf.stepCount).toBe(1);
    expect(registry.workflow(ns, 'triage')?.spec.steps[0]?.name).toBe('analyze');
  });

  it('follows a Workflow to its Sinks, and a deleted Workflow back to Ready=False', async () => {
    await create('workflows', workflow('notify', ['oncall']));
    await eventually('SinkNotFound', async () =>
      ready(await readyOf('workflows', 'notify'))?.reason === 'SinkNotFound' ? true : undefined,
    );
    await create('sinks', {
      apiVersion: `${group}/${version}`,
      kind: 'Sink',
      metadata: { name: 'oncall' },
      spec: { type: 'stdout' },
    });
    await eventually('notify Ready', async () =>
      ready(await readyOf('workflows', 'notify'))?.status === 'True' ? true : undefined,
    );

    await create('sources', source('pager', 'notify'));
    await eventually('pager Ready', async () =>
      ready(await readyOf('sources', 'pager'))?.status === 'True' ? true : undefined,
    );
    await k.custom.deleteNamespacedCustomObject({
      group,
      version,
      namespace: ns,
      plural: 'workflows',
      name: 'notify',
    });
    await eventually('pager not Ready', async () =>
      ready(await readyOf('sources', 'pager'))?.reason === 'WorkflowNotFound' ? true : undefined,
    );
    expect(registry.workflow(ns, 'notify')).toBeUndefined();
  });

  it('shows what the CRD schema cannot check as Ready=False InvalidSpec, naming the field', async () => {
    // Both pass the API server's OpenAPI patterns; cron-parser and the IANA
    // time zone database (in the controller) refuse them.
    await create('sources', {
      apiVersion: `${group}/${version}`,
      kind: 'Source',
      metadata: { name: 'nightly' },
      spec: {
        type: 'schedule',
        workflowRef: { name: 'triage' },
        schedule: { cron: '30 5-1 * * *', timezone: 'Mars/Olympus_Mons' },
      },
    });
    const s = await eventually('InvalidSpec', async () => {
      const st = await readyOf('sources', 'nightly');
      return ready(st)?.reason === 'InvalidSpec' ? st : undefined;
    });
    expect(ready(s)?.status).toBe('False');
    expect(ready(s)?.message).toMatch(/spec\.schedule\.cron: invalid cron/);
    expect(ready(s)?.message).toMatch(/spec\.schedule\.timezone/);
    expect(registry.source(ns, 'nightly')).toBeUndefined();
  });

  it('reports a CEL expression that does not parse as Ready=False, naming the step field', async () => {
    await create('workflows', {
      apiVersion: `${group}/${version}`,
      kind: 'Workflow',
      metadata: { name: 'typo' },
      spec: {
        steps: [
          { name: 'analyze', type: 'analyze' },
          {
            name: 'sure',
            type: 'conditional',
            expression: 'steps.analyze.output.confidence >= ',
            // biome-ignore lint/suspicious/noThenProperty: the conditional step's field in the Workflow API
            then: 'skip',
          },
          { name: 'again', type: 'analyze' },
        ],
      },
    });
    const s = await eventually('InvalidSpec for the expression', async () => {
      const st = await readyOf('workflows', 'typo');
      return ready(st)?.reason === 'InvalidSpec' ? st : undefined;
    });
    expect(ready(s)?.message).toMatch(/^spec\.steps\[1\]\.expression: invalid CEL: /);
  });

  it('keeps observedGeneration in step with spec changes', async () => {
    await create('workflows', workflow('steps'));
    await eventually('steps Ready', async () =>
      ready(await readyOf('workflows', 'steps'))?.status === 'True' ? true : undefined,
    );
    await k.custom.patchNamespacedCustomObject(
      {
        group,
        version,
        namespace: ns,
        plural: 'workflows',
        name: 'steps',
        body: {
          spec: {
            steps: [
              { name: 'analyze', type: 'analyze' },
              { name: 'again', type: 'analyze' },
            ],
          },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const s = await eventually('generation 2 observed', async () => {
      const st = await readyOf('workflows', 'steps');
      return st.observedGeneration === 2 ? st : undefined;
    });
    expect(s.stepCount).toBe(2);
    expect(ready(s)?.observedGeneration).toBe(2);
  });

  it('recovers from a kube-apiserver restart and sees a Source created afterwards', async () => {
    await restartApiserver(testenvPaths());
    await eventually(
      'api back',
      async () => ((await k.core.listNamespace()) ? true : undefined),
      30_000,
    );
    await create('sources', source('after-restart', 'triage'));
    await eventually(
      'registry has the new Source',
      async () => (registry.source(ns, 'after-restart') ? true : undefined),
      60_000,
    );
    await eventually(
      'and its status is written',
      async () =>
        ready(await readyOf('sources', 'after-restart'))?.status === 'True' ? true : undefined,
      30_000,
    );
  });
});

describe('status counters', () => {
  it('add up increments from two replicas into the Source status, in a few writes', async () => {
    await create('sources', source('counted', 'triage'));
    const writer = createStatusWriter(k.custom);
    const replicas = [
      createStatusCounters(writer, pino({ level: 'silent' })),
      createStatusCounters(writer, pino({ level: 'silent' })),
    ];
    for (let i = 0; i < 10; i++) {
      replicas[i % 2]?.record('sources', ns, 'counted', {
        add: { eventsReceived: 1, ...(i >= 7 ? { eventsDeduplicated: 1 } : { runsStarted: 1 }) },
        set: { lastEventTime: `2026-11-22T10:00:0${i}Z` },
      });
    }
    await Promise.all(replicas.map((r) => r.flush()));
    const status = (await readyOf('sources', 'counted')) as Status & Record<string, unknown>;
    expect(status).toMatchObject({ eventsReceived: 10, runsStarted: 7, eventsDeduplicated: 3 });
    expect(['2026-11-22T10:00:08Z', '2026-11-22T10:00:09Z']).toContain(status.lastEventTime);
    // The controller's own status (Ready) is kept alongside.
    await eventually('Ready kept', async () =>
      ready(await readyOf('sources', 'counted'))?.status === 'True' ? true : undefined,
    );
  });
});
