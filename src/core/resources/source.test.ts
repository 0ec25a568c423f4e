import { describe, expect, it } from 'vitest';
import { parseWithProblems } from './parse-resource.ts';
import { sourceSpecSchema } from './source.ts';

function problems(spec: unknown): string[] {
  const parsed = parseWithProblems(sourceSpecSchema, spec);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.field}: ${p.message}`);
}

const workflowRef = { name: 'triage' };

describe('Source spec', () => {
  it('an alertmanager Source gets its dedup, rate limit and classification defaults', () => {
    const spec = sourceSpecSchema.parse({ type: 'alertmanager', workflowRef });
    expect(spec).toEqual({
      type: 'alertmanager',
      workflowRef,
      suspend: false,
      dedup: { window: '5m', key: 'group' },
      rateLimit: { eventsPerSecond: 10, burst: 50 },
      classification: { environmentLabel: 'environment' },
    });
  });

  it('reads auth, filters with Alertmanager matchers, and a custom path', () => {
    const spec = sourceSpecSchema.parse({
      type: 'alertmanager',
      workflowRef,
      path: '/hooks/prod-alerts',
      auth: { type: 'basic', username: 'am', secretKeyRef: { name: 'am-auth', key: 'password' } },
      filters: {
        matchers: [
          { label: 'severity', operator: '=~', value: 'critical|warning' },
          { label: 'team' },
        ],
        severities: ['critical'],
      },
    });
    expect(spec.type === 'alertmanager' && spec.filters?.matchers).toEqual([
      { label: 'severity', operator: '=~', value: 'critical|warning' },
      { label: 'team', operator: '=', value: '' },
    ]);
  });

  it('a schedule Source needs its schedule, and its cron is checked', () => {
    expect(problems({ type: 'schedule', workflowRef })).toEqual(['schedule: is required']);
    expect(
      problems({ type: 'schedule', workflowRef, schedule: { cron: 'every 5 minutes' } }),
    ).toEqual([expect.stringMatching(/^schedule\.cron: must be a cron expression/)]);
  });

  it('refuses settings of another type, naming them', () => {
    const found = problems({
      type: 'schedule',
      workflowRef,
      schedule: { cron: '@hourly' },
      auth: { type: 'bearer', secretKeyRef: { name: 's', key: 'k' } },
    });
    expect(found).toEqual(['auth: unknown field (or not allowed with this type)']);
  });

  it('names the field of each bad value', () => {
    const found = problems({
      type: 'alertmanager',
      workflowRef: { name: 'Triage_Workflow' },
      path: '/metrics',
      filters: {
        matchers: [
          { label: 'severity', operator: '==', value: 'x' },
          { label: 'a', operator: '=~', value: '(' },
        ],
      },
      dedup: { window: '5 minutes', key: 'pod' },
      rateLimit: { eventsPerSecond: -1, burst: 0 },
    });
    const fields = found.map((f) => f.split(':')[0]);
    expect(fields).toEqual(
      expect.arrayContaining([
        'workflowRef.name',
        'path',
        'filters.matchers[0].operator',
        'dedup.window',
        'dedup.key',
        'rateLimit.eventsPerSecond',
        'rateLimit.burst',
      ]),
    );
  });

  it('checks regex matchers compile', () => {
    expect(
      problems({
        type: 'alertmanager',
        workflowRef,
        filters: { matchers: [{ label: 'a', operator: '=~', value: '(' }] },
      }),
    ).toEqual([expect.stringMatching(/^filters\.matchers\[0\]\.value: is not a valid regex/)]);
  });

  it('basic auth needs a username; a kubernetes Source needs kinds', () => {
    expect(
      problems({
        type: 'api',
        workflowRef,
        api: { mapping: { summary: '$.title' } },
        auth: { type: 'basic', secretKeyRef: { name: 's', key: 'k' } },
      }),
    ).toEqual(['auth.username: is required']);
    expect(problems({ type: 'kubernetes', workflowRef, kubernetes: { kinds: [] } })).toEqual([
      expect.stringMatching(/^kubernetes\.kinds: Too small/),
    ]);
  });

  it('an api Source maps the body with JSONPath or mustache, and checks both', () => {
    const ok = sourceSpecSchema.safeParse({
      type: 'api',
      workflowRef,
      api: {
        mapping: {
          summary: '{{body.title}}',
          severity: '$.alert.severity',
          labels: { team: '$.team' },
        },
      },
    });
    expect(ok.success).toBe(true);
    expect(
      problems({
        type: 'api',
        workflowRef,
        api: { mapping: { summary: '{{#open}}', severity: '$..x', labels: { 'bad-key': '$.a' } } },
      }),
    ).toEqual([
      expect.stringMatching(/^api\.mapping\.summary: is not a valid mustache template/),
      'api.mapping.severity: is not a JSONPath such as $.alert.labels.severity',
      'api.mapping.labels.bad-key: key "bad-key" must be a label name (letters, digits, _)',
    ]);
  });
});
