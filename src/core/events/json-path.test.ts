import { describe, expect, it } from 'vitest';
import { evaluateJsonPath } from './json-path.ts';

const body = {
  alert: { title: 'Down', labels: { 'team-name': 'ops' } },
  checks: [{ name: 'a' }, { name: 'b' }],
};

describe('evaluateJsonPath', () => {
  it.each([
    ['$', [body]],
    ['$.alert.title', ['Down']],
    ["$.alert.labels['team-name']", ['ops']],
    ['$.checks[1].name', ['b']],
    ['$.checks[*].name', ['a', 'b']],
    ['$.alert.missing', []],
    ['$.alert.title.deeper', []],
    ['$.toString', []],
  ])('%s', (path, expected) => {
    expect(evaluateJsonPath(path, body)).toEqual(expected);
  });

  it('refuses what is not a JSONPath of the supported subset', () => {
    expect(evaluateJsonPath('alert.title', body)).toBeUndefined();
    expect(evaluateJsonPath('$..title', body)).toBeUndefined();
  });
});
