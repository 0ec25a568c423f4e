/**
 * Label matchers with Alertmanager's own semantics: `=`, `!=`, `=~`, `!~`;
 * regular expressions are fully anchored (`^(?:re)$`); a missing label
 * matches as the empty string (so `team!=""` means "has a team label").
 */
export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly name: string;
  readonly operator: MatchOperator;
  readonly value: string;
}

export interface CompiledMatcher extends Matcher {
  readonly test: (labels: Readonly<Record<string, string>>) => boolean;
}

export type CompileOutcome =
  | { readonly ok: true; readonly matcher: CompiledMatcher }
  | { readonly ok: false; readonly error: string };

export function compileMatcher(m: Matcher): CompileOutcome {
  const equal = m.operator === '=' || m.operator === '=~';
  if (m.operator === '=' || m.operator === '!=') {
    return { ok: true, matcher: { ...m, test: (l) => ((l[m.name] ?? '') === m.value) === equal } };
  }
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${m.value})$`, 'u');
  } catch (err) {
    return {
      ok: false,
      error: `invalid regular expression for ${m.name}: ${(err as Error).message}`,
    };
  }
  return { ok: true, matcher: { ...m, test: (l) => re.test(l[m.name] ?? '') === equal } };
}

const matcherPattern =
  /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"=~!][^\s"]*|))\s*$/;

/** Parses the text form Alertmanager uses: `severity=~"critical|warning"`. */
export function parseMatcher(
  text: string,
): { ok: true; matcher: Matcher } | { ok: false; error: string } {
  const match = matcherPattern.exec(text);
  if (match === null)
    return {
      ok: false,
      error: `not a matcher: ${JSON.stringify(text)} (expected name=value, name!=value, name=~regex or name!~regex)`,
    };
  const [, name, operator, quoted, bare] = match;
  const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
  return { ok: true, matcher: { name: name ?? '', operator: operator as MatchOperator, value } };
}

export function matchesAll(
  matchers: readonly CompiledMatcher[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return matchers.every((m) => m.test(labels));
}
