import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { formatFieldPath, parseResource } from './parse-resource.ts';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

describe('parseResource', () => {
  const files = readdirSync(examples).filter((f) => f.endsWith('.yaml'));

  it.each(files)('every document of examples/%s is valid', (file) => {
    const docs = parseAllDocuments(readFileSync(path.join(examples, file), 'utf8'));
    const kinds = docs.map((doc) => {
      const parsed = parseResource(doc.toJS());
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      return parsed.ok ? parsed.resource.kind : undefined;
    });
    expect(kinds).toEqual(['Source', 'Workflow', 'Sink']);
  });

  it('says what is wrong with a document that is not one of ours', () => {
    expect(parseResource('text')).toEqual({
      ok: false,
      problems: [{ field: '', message: 'must be an object' }],
    });
    expect(parseResource({ apiVersion: 'v1', kind: 'Secret' })).toEqual({
      ok: false,
      problems: [{ field: 'apiVersion', message: 'must be punchingfist.io/v1alpha1' }],
    });
    expect(parseResource({ apiVersion: 'punchingfist.io/v1alpha1', kind: 'Alert' })).toEqual({
      ok: false,
      problems: [{ field: 'kind', message: 'must be one of Source, Workflow, Sink, WorkflowRun' }],
    });
  });

  it('names Sources, Workflows and Sinks as DNS labels', () => {
    const doc = {
      apiVersion: 'punchingfist.io/v1alpha1',
      kind: 'Sink',
      metadata: { name: 'Oncall.Slack' },
      spec: { type: 'stdout' },
    };
    const parsed = parseResource(doc);
    expect(parsed.ok === false && parsed.problems.map((p) => p.field)).toEqual(['metadata.name']);
  });

  it('formats paths as kubectl does', () => {
    expect(formatFieldPath(['spec', 'steps', 1, 'then'])).toBe('spec.steps[1].then');
    expect(formatFieldPath([])).toBe('');
  });
});
