import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatProblems, loadConfigDir } from './config-dir.ts';

const api = 'punchingfist.io/v1alpha1';
const schemas = {
  Source: z.object({
    apiVersion: z.literal(api),
    kind: z.literal('Source'),
    metadata: z.object({ name: z.string() }),
    spec: z.object({
      workflowRef: z.object({ name: z.string().min(1) }),
      type: z.enum(['alertmanager', 'api']),
    }),
  }),
  Workflow: z.object({
    apiVersion: z.literal(api),
    kind: z.literal('Workflow'),
    metadata: z.object({ name: z.string() }),
    spec: z.object({ steps: z.array(z.object({ name: z.string() })).min(1) }),
  }),
};

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const source = `apiVersion: ${api}\nkind: Source\nmetadata: { name: am }\nspec: { type: alertmanager, workflowRef: { name: triage } }\n`;
const workflow = `apiVersion: ${api}\nkind: Workflow\nmetadata: { name: triage }\nspec: { steps: [{ name: analyze }] }\n`;

describe('loadConfigDir', () => {
  it('loads multi-document files, recursively, in a stable order', () => {
    const dir = dirWith({
      'a.yaml': `${source}---\n${workflow}`,
      'nested/b.yml': workflow,
      'notes.txt': 'ignored',
    });
    const out = loadConfigDir(dir, api, schemas);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.documents.map((d) => `${d.file}#${d.index}:${d.kind}`)).toEqual([
      'a.yaml#1:Source',
      'a.yaml#2:Workflow',
      'nested/b.yml#1:Workflow',
    ]);
  });

  it('names file, document, line and field of every problem, and loads nothing', () => {
    const bad = `apiVersion: ${api}\nkind: Source\nmetadata: { name: broken }\nspec: { type: carrier-pigeon, workflowRef: { name: "" } }\n`;
    const dir = dirWith({
      'ok.yaml': workflow,
      'bad.yaml': `${workflow}---\n${bad}---\nkind: Gizmo\napiVersion: ${api}\n`,
    });
    const out = loadConfigDir(dir, api, schemas);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const text = formatProblems(out.problems);
    expect(text).toContain('bad.yaml: document 2 (line 6): spec.type:');
    expect(text).toContain('bad.yaml: document 2 (line 6): spec.workflowRef.name:');
    expect(text).toContain('bad.yaml: document 3 (line 11): kind: must be one of Source, Workflow');
    expect(out.problems).toHaveLength(3);
  });

  it('reports YAML syntax errors and a wrong apiVersion', () => {
    const dir = dirWith({
      'x.yaml': 'apiVersion: [unclosed\n',
      'y.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
    });
    const out = loadConfigDir(dir, api, schemas);
    expect(!out.ok && out.problems.map((p) => `${p.file}:${p.field}`)).toEqual([
      'x.yaml:(yaml)',
      'y.yaml:apiVersion',
    ]);
  });

  it('says so when the directory has no YAML', () => {
    const out = loadConfigDir(dirWith({ 'README.md': '#' }), api, schemas);
    expect(!out.ok && out.problems[0]?.message).toBe('no .yaml files found');
  });
});
