import { describe, expect, it } from 'vitest';
import {
  type CompiledMatcher,
  compileMatcher,
  type Matcher,
  matchesAll,
  parseMatcher,
} from './matchers.ts';

function compiled(m: Matcher): CompiledMatcher {
  const out = compileMatcher(m);
  if (!out.ok) throw new Error(out.error);
  return out.matcher;
}

const labels = { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'shop' };

describe('matchers (Alertmanager semantics)', () => {
  it.each([
    [{ name: 'severity', operator: '=', value: 'critical' }, true],
    [{ name: 'severity', operator: '=', value: 'crit' }, false],
    [{ name: 'severity', operator: '!=', value: 'warning' }, true],
    [{ name: 'severity', operator: '=~', value: 'critical|warning' }, true],
    // anchored: a substring does not match
    [{ name: 'severity', operator: '=~', value: 'crit' }, false],
    [{ name: 'alertname', operator: '=~', value: 'Kube.*' }, true],
    [{ name: 'namespace', operator: '!~', value: 'kube-.*' }, true],
    // a missing label is the empty string
    [{ name: 'team', operator: '=', value: '' }, true],
    [{ name: 'team', operator: '!=', value: '' }, false],
    [{ name: 'team', operator: '=~', value: '.*' }, true],
  ] as const)('%o → %s', (m, expected) => {
    expect(compiled(m).test(labels)).toBe(expected);
  });

  it('reports an invalid regular expression', () => {
    const out = compileMatcher({ name: 'pod', operator: '=~', value: '(' });
    expect(out).toMatchObject({ ok: false });
    expect(!out.ok && out.error).toContain('pod');
  });

  it('requires every matcher to match', () => {
    const ms = [
      compiled({ name: 'severity', operator: '=', value: 'critical' }),
      compiled({ name: 'namespace', operator: '=', value: 'other' }),
    ];
    expect(matchesAll(ms, labels)).toBe(false);
    expect(matchesAll(ms.slice(0, 1), labels)).toBe(true);
  });

  it('parses the text form', () => {
    expect(parseMatcher('severity=~"critical|warning"')).toEqual({
      ok: true,
      matcher: { name: 'severity', operator: '=~', value: 'critical|warning' },
    });
    expect(parseMatcher('namespace != kube-system')).toEqual({
      ok: true,
      matcher: { name: 'namespace', operator: '!=', value: 'kube-system' },
    });
    expect(parseMatcher('msg="say \\"hi\\""')).toEqual({
      ok: true,
      matcher: { name: 'msg', operator: '=', value: 'say "hi"' },
    });
    expect(parseMatcher('severity==critical').ok).toBe(false);
    expect(parseMatcher('9lives=x').ok).toBe(false);
  });
});
