import { describe, expect, it } from 'vitest';
import { parseWithProblems } from './parse-resource.ts';
import { sinkSpecSchema } from './sink.ts';

function problems(spec: unknown): string[] {
  const parsed = parseWithProblems(sinkSpecSchema, spec);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.field}: ${p.message}`);
}

const secret = { name: 'jira', key: 'token' };

describe('Sink spec', () => {
  it('fills the defaults of each type', () => {
    expect(sinkSpecSchema.parse({ type: 'slack', target: { channel: '#oncall' } })).toEqual({
      type: 'slack',
      target: { channel: '#oncall', threaded: true },
    });
    expect(
      sinkSpecSchema.parse({
        type: 'jira',
        target: { url: 'https://example.atlassian.net', project: 'OPS' },
        credentials: secret,
      }),
    ).toMatchObject({ target: { issueType: 'Task' } });
    expect(
      sinkSpecSchema.parse({ type: 'webhook', target: { url: 'https://hooks.example.com/x' } }),
    ).toMatchObject({
      target: { method: 'POST' },
    });
    expect(sinkSpecSchema.parse({ type: 'stdout', template: '{{outputs.summary}}' })).toEqual({
      type: 'stdout',
      template: '{{outputs.summary}}',
    });
  });

  it('refuses an unknown type', () => {
    expect(problems({ type: 'email', target: { url: 'mailto:x' } })).toEqual([
      expect.stringMatching(/^type: Invalid discriminator value/),
    ]);
  });

  it('names the target field each type needs, and credentials where a secret is needed', () => {
    expect(problems({ type: 'slack', target: {} })).toEqual(['target.channel: is required']);
    expect(
      problems({ type: 'jira', target: { url: 'https://x.example', project: 'ops' } }),
    ).toEqual([
      'target.project: must be a Jira project key such as OPS',
      'credentials: is required',
    ]);
    expect(problems({ type: 'pagerduty' })).toEqual(['credentials: is required']);
    expect(problems({ type: 'webhook', target: { url: 'ftp://x' } })).toEqual([
      'target.url: must be an http(s) URL',
    ]);
    expect(problems({ type: 'stdout', target: { channel: '#x' } })).toEqual([
      'target: unknown field (or not allowed with this type)',
    ]);
  });

  it('checks the template is valid mustache', () => {
    expect(problems({ type: 'stdout', template: '{{#steps}}unclosed' })).toEqual([
      expect.stringMatching(
        /^template: is not a valid mustache template: Unclosed section "steps"/,
      ),
    ]);
  });
});
