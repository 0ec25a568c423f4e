import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parseResource } from '../../src/core/resources/parse-resource.ts';
import { customResources, type Doc, doc, refusal } from '../support/custom-resources.ts';
import { testNamespace } from '../support/kube.ts';

/**
 * Every bad manifest of the table is refused by the REAL API server (OpenAPI
 * + CEL of the generated CRDs) with a message naming the field — and the
 * same manifest is refused by zod (what `--config` and the controller use),
 * naming the same field, so the two rule sets cannot drift apart.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'crd-validation');
let cr: ReturnType<typeof customResources>;

beforeAll(async () => {
  cr = customResources(k, ns);
});

const source = (spec: Record<string, unknown>, name = 'src') =>
  doc('Source', name, { workflowRef: { name: 'triage' }, ...spec });
const workflow = (steps: unknown[], extra: Record<string, unknown> = {}, name = 'wf') =>
  doc('Workflow', name, { steps, ...extra });
const sink = (spec: Record<string, unknown>) => doc('Sink', 'out', spec);
const analyze = { name: 'analyze', type: 'analyze' };
const secret = { name: 'creds', key: 'token' };
const long = 'a'.repeat(64);

interface Case {
  readonly doc: Doc;
  /** The field as the API server names it, and what it says about it. */
  readonly field: string;
  readonly says: RegExp;
  /** The field as zod names it, when it names it more precisely. */
  readonly zodField?: string;
  readonly code?: number;
}

const cases: Record<string, Case> = {
  'unknown step type': {
    doc: workflow([{ name: 'x', type: 'shell' }]),
    field: 'spec.steps[0].type',
    says: /Unsupported value: "shell"/,
  },
  'cron that is not cron': {
    doc: source({ type: 'schedule', schedule: { cron: 'every 5 minutes' } }),
    field: 'spec.schedule.cron',
    says: /must be a cron expression/,
  },
  'cron minute out of range': {
    doc: source({ type: 'schedule', schedule: { cron: '61 * * * *' } }),
    field: 'spec.schedule.cron',
    says: /must be a cron expression/,
  },
  'malformed time zone': {
    doc: source({ type: 'schedule', schedule: { cron: '@daily', timezone: 'Berlin time' } }),
    field: 'spec.schedule.timezone',
    says: /should match/,
  },
  'missing workflowRef': {
    doc: doc('Source', 'src', { type: 'alertmanager' }),
    field: 'spec.workflowRef',
    says: /Required value/,
  },
  'input token budget out of range': {
    doc: workflow([analyze], { runtime: { budgets: { maxInputTokens: 0 } } }),
    field: 'spec.runtime.budgets.maxInputTokens',
    says: /greater than or equal to 1000/,
  },
  'run timeout over the bound': {
    doc: workflow([analyze], { runtime: { budgets: { timeout: '3h' } } }),
    field: 'spec.runtime.budgets.timeout',
    says: /must be between 10s and 2h/,
  },
  'duration in words': {
    doc: source({ type: 'alertmanager', dedup: { window: '5 minutes' } }),
    field: 'spec.dedup.window',
    says: /should match '\^\(\[0-9\]\+\(ms\|s\|m\|h\)\)\+\$'/,
  },
  'conditional naming a missing step': {
    doc: workflow([
      analyze,
      // biome-ignore lint/suspicious/noThenProperty: the conditional step's field in the Workflow API
      { name: 'gate', type: 'conditional', expression: 'true', then: 'nope' },
    ]),
    field: 'spec.steps',
    says: /steps\[\]\.then of a conditional step must name a later step/,
    zodField: 'spec.steps[1].then',
  },
  'conditional jumping backwards': {
    doc: workflow([
      analyze,
      { name: 'gate', type: 'conditional', expression: 'true', else: 'analyze' },
    ]),
    field: 'spec.steps',
    says: /steps\[\]\.else of a conditional step must name a later step/,
    zodField: 'spec.steps[1].else',
  },
  'conditional with neither then nor else': {
    doc: workflow([{ name: 'gate', type: 'conditional', expression: 'true' }]),
    field: 'spec.steps[0]',
    says: /a conditional step needs then or else/,
  },
  'duplicate step names': {
    doc: workflow([analyze, { ...analyze }]),
    field: 'spec.steps[1]',
    says: /Duplicate value/,
    zodField: 'spec.steps[1].name',
  },
  'a keyword as step name': {
    doc: workflow([{ name: 'skip', type: 'analyze' }]),
    field: 'spec.steps[0].name',
    says: /must not be 'next' or 'skip'/,
  },
  'unknown remediation action': {
    doc: workflow([{ name: 'fix', type: 'remediate', action: 'delete_namespace' }]),
    field: 'spec.steps[0].action',
    says: /Unsupported value: "delete_namespace"/,
  },
  'unknown agent tool': {
    doc: workflow([{ name: 'ask', type: 'agent', goal: 'why', tools: ['exec'] }]),
    field: 'spec.steps[0].tools[0]',
    says: /Unsupported value: "exec"/,
  },
  'field of another step type': {
    doc: workflow([{ name: 'ask', type: 'agent', goal: 'why', image: 'busybox' }]),
    field: 'spec.steps[0].image',
    says: /image is only allowed when type is cli/,
    zodField: 'spec.steps[0].image',
  },
  'agent step without goal': {
    doc: workflow([{ name: 'ask', type: 'agent' }]),
    field: 'spec.steps[0].goal',
    says: /goal is required when type is agent/,
  },
  'type=schedule without schedule': {
    doc: source({ type: 'schedule' }),
    field: 'spec.schedule',
    says: /schedule is required when type is schedule/,
  },
  'schedule without cron': {
    doc: source({ type: 'schedule', schedule: { timezone: 'UTC' } }),
    field: 'spec.schedule.cron',
    says: /Required value/,
  },
  'auth on a schedule Source': {
    doc: source({
      type: 'schedule',
      schedule: { cron: '@hourly' },
      auth: { type: 'bearer', secretKeyRef: secret },
    }),
    field: 'spec.auth',
    says: /auth is only allowed when type is alertmanager or api/,
  },
  'basic auth without username': {
    doc: source({ type: 'alertmanager', auth: { type: 'basic', secretKeyRef: secret } }),
    field: 'spec.auth.username',
    says: /username is required when type is basic/,
  },
  'bad matcher operator': {
    doc: source({
      type: 'alertmanager',
      filters: { matchers: [{ label: 'severity', operator: '==', value: 'critical' }] },
    }),
    field: 'spec.filters.matchers[0].operator',
    says: /Unsupported value: "=="/,
  },
  'reserved webhook path': {
    doc: source({ type: 'api', api: { mapping: { summary: '$.title' } }, path: '/metrics' }),
    field: 'spec.path',
    says: /must not be \/healthz, \/readyz, \/metrics/,
  },
  'negative rate limit': {
    doc: source({ type: 'alertmanager', rateLimit: { eventsPerSecond: -1 } }),
    field: 'spec.rateLimit.eventsPerSecond',
    says: /should be greater than 0/,
  },
  'label selector In without values': {
    doc: source({
      type: 'kubernetes',
      kubernetes: {
        kinds: ['Pod'],
        labelSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] },
      },
    }),
    field: 'spec.kubernetes.labelSelector.matchExpressions[0].values',
    says: /values must be non-empty for In and NotIn/,
  },
  'too-long workflowRef name': {
    doc: source({ type: 'alertmanager', workflowRef: { name: long } }),
    field: 'spec.workflowRef.name',
    says: /Too long/,
  },
  'too-long step name': {
    doc: workflow([{ name: long, type: 'analyze' }]),
    field: 'spec.steps[0].name',
    says: /Too long/,
  },
  'too-long Workflow name': {
    doc: workflow([analyze], {}, long),
    field: 'metadata.name',
    says: /Too long/,
  },
  'wrong sink type': {
    doc: sink({ type: 'email', template: 'x' }),
    field: 'spec.type',
    says: /Unsupported value: "email"/,
  },
  'slack sink without channel': {
    doc: sink({ type: 'slack', target: {} }),
    field: 'spec.target.channel',
    says: /target.channel is required when type is slack/,
  },
  'jira sink without credentials': {
    doc: sink({ type: 'jira', target: { url: 'https://example.atlassian.net', project: 'OPS' } }),
    field: 'spec.credentials',
    says: /credentials is required when type is jira or pagerduty/,
  },
  'approval count over 2': {
    doc: workflow([{ name: 'fix', type: 'remediate', action: 'scale', approval: { required: 3 } }]),
    field: 'spec.steps[0].approval.required',
    says: /less than or equal to 2/,
  },
  'two approvals, one approver': {
    doc: workflow([analyze], {
      approvalPolicy: { required: 2, approvers: { users: ['U012AB3CD'] } },
    }),
    field: 'spec.approvalPolicy.required',
    says: /no second person could approve/,
  },
  'output name not an identifier': {
    doc: workflow([analyze], { outputs: { 'root-cause': 'x' } }),
    field: 'spec.outputs',
    says: /every key must be an identifier/,
    zodField: 'spec.outputs.root-cause',
  },
  'concurrency zero': {
    doc: workflow([analyze], { concurrency: 0 }),
    field: 'spec.concurrency',
    says: /greater than or equal to 1/,
  },
  'unknown trigger type': {
    doc: doc('WorkflowRun', 'run', {
      workflowRef: { name: 'triage' },
      trigger: { type: 'webhook', receivedAt: '2026-05-01T10:00:00Z' },
    }),
    field: 'spec.trigger.type',
    says: /Unsupported value: "webhook"/,
  },
  'unknown field': {
    doc: workflow([analyze], { retry: 3 }),
    field: 'spec.retry',
    says: /unknown field "spec.retry"/,
    code: 400,
  },
};

describe('invalid manifests are refused, naming the field', () => {
  it.each(Object.entries(cases))('%s', async (_, c) => {
    const { code, message } = await refusal(cr.create(c.doc));
    expect(code).toBe(c.code ?? 422);
    expect(message).toContain(c.field);
    expect(message).toMatch(c.says);
    // The same manifest, as zod sees it (a --config file, or the controller).
    const parsed = parseResource(c.doc);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.field)).toContain(c.zodField ?? c.field);
  });
});

describe('status and updates', () => {
  const run = (name: string) =>
    doc('WorkflowRun', name, {
      workflowRef: { name: 'triage' },
      trigger: { type: 'manual', requestedBy: 'U012AB3CD', receivedAt: '2026-05-01T10:00:00Z' },
    });

  it('a WorkflowRun spec cannot change: a run is a record', async () => {
    await cr.create(run('immutable'));
    const rewrite = cr.patch('WorkflowRun', 'immutable', { spec: { trigger: { summary: 'new' } } });
    const { code, message } = await refusal(rewrite);
    expect(code).toBe(422);
    expect(message).toContain('spec: Invalid value: spec is immutable: a run is a record');
  });

  it('the status subresource refuses an unknown phase and an approval decided at no time', async () => {
    await cr.create(run('audited'));
    const phase = await refusal(cr.patchStatus('WorkflowRun', 'audited', { phase: 'Done' }));
    expect(phase.code).toBe(422);
    expect(phase.message).toContain('status.phase: Unsupported value: "Done"');
    const approval = { proposalId: 'p1', action: 'scale', decision: 'Approved' };
    const audit = await refusal(
      cr.patchStatus('WorkflowRun', 'audited', { approvals: [approval] }),
    );
    expect(audit.code).toBe(422);
    expect(audit.message).toContain(
      'status.approvals[0].decidedAt: Required value: decidedAt is required once decision is set',
    );
  });
});
