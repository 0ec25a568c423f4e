import { describe, expect, it } from 'vitest';
import { formatConfigProblems, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('applies defaults on an empty environment', () => {
    const result = parseConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.PORT).toBe(8080);
    expect(result.config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(result.config.LOG_LEVEL).toBe('info');
    expect(result.config.SLACK_BOT_TOKEN).toBeUndefined();
  });

  it('reads the variables it knows and ignores the rest', () => {
    const result = parseConfig({
      PORT: '9090',
      REDIS_URL: 'redis://10.0.0.1:6380/2',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_API_URL: 'http://127.0.0.1:3999/api/',
      LOG_LEVEL: 'DEBUG',
      HOME: '/root',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        PORT: 9090,
        REDIS_URL: 'redis://10.0.0.1:6380/2',
        SLACK_BOT_TOKEN: 'xoxb-1-2-3',
        SLACK_API_URL: 'http://127.0.0.1:3999/api/',
        LOG_LEVEL: 'debug',
      },
    });
  });

  it('treats an empty variable as unset', () => {
    const result = parseConfig({ ANTHROPIC_API_KEY: '', PROMETHEUS_URL: '  ' });
    expect(result.ok && result.config.ANTHROPIC_API_KEY).toBeUndefined();
    expect(result.ok && result.config.PROMETHEUS_URL).toBeUndefined();
  });

  it('reports every bad variable together, each by name', () => {
    const result = parseConfig({
      PORT: 'eighty',
      REDIS_URL: 'http://localhost:6379',
      SLACK_BOT_TOKEN: 'xapp-wrong-kind',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind',
      ANTHROPIC_BASE_URL: 'not a url',
      PROMETHEUS_URL: 'ftp://prom:9090',
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byVariable = Object.fromEntries(result.problems.map((p) => [p.variable, p.message]));
    expect(Object.keys(byVariable).sort()).toEqual([
      'ANTHROPIC_BASE_URL',
      'LOG_LEVEL',
      'PORT',
      'PROMETHEUS_URL',
      'REDIS_URL',
      'SLACK_APP_TOKEN',
      'SLACK_BOT_TOKEN',
    ]);
    expect(byVariable.PORT).toMatch(/number/);
    expect(byVariable.SLACK_BOT_TOKEN).toMatch(/xoxb-/);
    expect(byVariable.LOG_LEVEL).toMatch(/one of/);
    const text = formatConfigProblems(result.problems);
    expect(text).toContain('7 problems');
    expect(text).toContain('REDIS_URL: must be a redis:// or rediss:// URL');
  });

  it('rejects a port out of range', () => {
    const result = parseConfig({ PORT: '70000' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toEqual({
      variable: 'PORT',
      message: 'must be 0..65535',
    });
  });

  it('reads default approvers as Slack ids and names a bad one', () => {
    const good = parseConfig({ PUNCHINGFIST_APPROVERS: 'U012AB, S0614TZ' });
    expect(good.ok && good.config.PUNCHINGFIST_APPROVERS).toBe('U012AB, S0614TZ');
    const bad = parseConfig({ PUNCHINGFIST_APPROVERS: 'U012AB,alice' });
    expect(!bad.ok && bad.problems[0]?.variable).toBe('PUNCHINGFIST_APPROVERS');
  });

  it("reads the agent's http_check hosts as a list and names a bad one", () => {
    const good = parseConfig({
      PUNCHINGFIST_HTTP_CHECK_HOSTS: 'status.example.com, *.svc.cluster.local',
    });
    expect(good.ok && good.config.PUNCHINGFIST_HTTP_CHECK_HOSTS).toEqual([
      'status.example.com',
      '*.svc.cluster.local',
    ]);
    const bad = parseConfig({ PUNCHINGFIST_HTTP_CHECK_HOSTS: 'http://x/y' });
    expect(!bad.ok && bad.problems[0]?.variable).toBe('PUNCHINGFIST_HTTP_CHECK_HOSTS');
  });
});
