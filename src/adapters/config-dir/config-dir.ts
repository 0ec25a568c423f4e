import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';

/**
 * Local mode (`serve --config DIR`): the same YAML documents users would
 * apply to a cluster, read from files (multi-document YAML, recursively),
 * validated by the same zod schemas. Every problem names its file, the
 * document (index and first line) and the field, and all are reported
 * together; nothing is loaded when anything is wrong.
 */
export interface LoadedDocument<K extends string> {
  readonly kind: K;
  readonly file: string;
  readonly index: number;
  readonly value: unknown;
}

export interface ConfigProblem {
  readonly file: string;
  readonly document: number;
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export type LoadOutcome<K extends string> =
  | { readonly ok: true; readonly documents: readonly LoadedDocument<K>[] }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry) ? [full] : [];
    });
}

function fieldOf(issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc === '' ? String(part) : `${acc}.${String(part)}`;
  }, '');
}

function lineOf(text: string, doc: YAML.Document): number {
  const start = doc.contents?.range?.[0] ?? 0;
  return text.slice(0, start).split('\n').length;
}

export function loadConfigDir<K extends string>(
  dir: string,
  apiVersion: string,
  schemas: Readonly<Record<K, z.ZodType>>,
): LoadOutcome<K> {
  const problems: ConfigProblem[] = [];
  const documents: LoadedDocument<K>[] = [];
  const files = yamlFiles(dir);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(dir, file) || path.basename(file);
    YAML.parseAllDocuments(text).forEach((doc, index) => {
      const where = { file: rel, document: index + 1, line: lineOf(text, doc) };
      if (doc.errors.length > 0) {
        for (const e of doc.errors)
          problems.push({ ...where, field: '(yaml)', message: e.message });
        return;
      }
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) return;
      const head = value as { apiVersion?: unknown; kind?: unknown };
      if (head.apiVersion !== apiVersion) {
        problems.push({ ...where, field: 'apiVersion', message: `must be ${apiVersion}` });
        return;
      }
      const kind = String(head.kind);
      if (!Object.hasOwn(schemas, kind)) {
        problems.push({
          ...where,
          field: 'kind',
          message: `must be one of ${Object.keys(schemas).join(', ')}`,
        });
        return;
      }
      const parsed = schemas[kind as K].safeParse(value);
      if (parsed.success)
        documents.push({ kind: kind as K, file: rel, index: index + 1, value: parsed.data });
      else
        for (const issue of parsed.error.issues)
          problems.push({ ...where, field: fieldOf(issue.path), message: issue.message });
    });
  }
  if (files.length === 0)
    problems.push({
      file: dir,
      document: 0,
      line: 0,
      field: '(directory)',
      message: 'no .yaml files found',
    });
  return problems.length === 0 ? { ok: true, documents } : { ok: false, problems };
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems
    .map((p) => `${p.file}: document ${p.document} (line ${p.line}): ${p.field}: ${p.message}`)
    .join('\n');
}
