import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as k8s from '@kubernetes/client-node';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { customResources, type Doc, doc, kubectl } from '../support/custom-resources.ts';
import { testNamespace } from '../support/kube.ts';

/**
 * The CRDs on a REAL API server: the harness installed exactly crds/, the
 * examples are accepted with the server applying our defaults, and kubectl
 * shows the printer columns from the fields the controller writes.
 */
const env = inject('testenv');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { k, ns } = testNamespace(env.KUBECONFIG, 'crd-install');
let cr: ReturnType<typeof customResources>;

beforeAll(async () => {
  cr = customResources(k, ns);
});

const yamlDocs = (file: string): unknown[] =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as unknown);

describe('installed CRDs', () => {
  it('every CRD of crds/ is installed, Established, and the same as the committed file', () => {
    const committed = readdirSync(path.join(root, 'crds'))
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => yamlDocs(path.join(root, 'crds', f)) as k8s.V1CustomResourceDefinition[]);
    const selector = ['-l', 'app.kubernetes.io/part-of=punchingfist', '-o', 'json'];
    const listed = JSON.parse(kubectl(env.KUBECONFIG, ['get', 'crd', ...selector])) as {
      items: k8s.V1CustomResourceDefinition[];
    };
    const names = (crds: k8s.V1CustomResourceDefinition[]) =>
      crds.map((c) => c.metadata?.name).sort();
    expect(names(listed.items)).toEqual(names(committed));
    for (const want of committed) {
      const got = listed.items.find((c) => c.metadata?.name === want.metadata?.name);
      expect(got?.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
      const stale = `${want.metadata?.name} differs from crds/: run npx tsx scripts/testenv/cli.ts up`;
      expect(got?.spec.versions, stale).toEqual(want.spec.versions);
      expect(got?.spec.names, stale).toEqual(want.spec.names);
    }
  });
});

describe('valid manifests', () => {
  const examples = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.yaml'));

  it.each(examples)(
    'examples/%s is accepted, with defaults applied by the server',
    async (file) => {
      const docs = yamlDocs(path.join(root, 'examples', file)) as Doc[];
      for (const body of docs) await cr.create(body);
      const wf = docs.find((d) => d.kind === 'Workflow');
      if (wf === undefined) throw new Error(`${file} has no Workflow`);
      const stored = await cr.get('Workflow', wf.metadata.name);
      expect(stored.spec).toMatchObject({
        ttlSecondsAfterFinished: wf.spec.ttlSecondsAfterFinished ?? 604_800,
      });
      expect(stored.spec).toHaveProperty('approvalPolicy.expiresAfter', '30m');
      expect(stored.spec).toHaveProperty('steps.0.retries', 0);
    },
  );

  it('kubectl get shows the printer columns, from the fields the controller writes', async () => {
    const now = new Date();
    const ready = [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Accepted',
        message: '',
        lastTransitionTime: now.toISOString(),
      },
    ];
    await cr.create(
      doc('WorkflowRun', 'triage-7x2kq', {
        workflowRef: { name: 'triage' },
        trigger: { type: 'alertmanager', source: 'alertmanager', receivedAt: now.toISOString() },
      }),
    );
    await cr.patchStatus('Source', 'alertmanager', { eventsReceived: 7, conditions: ready });
    await cr.patchStatus('Workflow', 'triage', { stepCount: 4, conditions: ready });
    await cr.patchStatus('Sink', 'oncall-slack', { messagesSent: 2, conditions: ready });
    await cr.patchStatus('WorkflowRun', 'triage-7x2kq', {
      phase: 'Succeeded',
      startedAt: new Date(now.getTime() - 92_000).toISOString(),
      duration: '1m32s',
    });

    const out = kubectl(env.KUBECONFIG, ['get', 'sources,workflows,sinks,workflowruns', '-n', ns]);
    expect(out).toMatch(/^NAME\s+TYPE\s+WORKFLOW\s+READY\s+EVENTS\s+AGE$/m);
    expect(out).toMatch(/^source\.\S+\/alertmanager\s+alertmanager\s+triage\s+True\s+7\s+\S+$/m);
    expect(out).toMatch(/^NAME\s+STEPS\s+READY\s+AGE$/m);
    expect(out).toMatch(/^workflow\.\S+\/triage\s+4\s+True\s+\S+$/m);
    expect(out).toMatch(/^NAME\s+TYPE\s+READY\s+SENT\s+AGE$/m);
    expect(out).toMatch(/^sink\.\S+\/oncall-slack\s+slack\s+True\s+2\s+\S+$/m);
    expect(out).toMatch(/^NAME\s+WORKFLOW\s+PHASE\s+TRIGGER\s+STARTED\s+DURATION\s+AGE$/m);
    expect(out).toMatch(
      /^workflowrun\.\S+\/triage-7x2kq\s+triage\s+Succeeded\s+alertmanager\s+9\ds\s+1m32s\s+\S+$/m,
    );
  });
});
