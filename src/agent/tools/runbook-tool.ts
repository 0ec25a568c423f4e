import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { RunbookConfigMap } from '../../core/ports.ts';
import { capText } from '../compaction/compact-text.ts';
import type { AgentTool, ToolOutput } from './tool.ts';

/**
 * runbook_lookup: keyword match over Markdown runbooks in a directory and
 * in ConfigMaps labelled `punchingfist.io/runbook=true` (each data key a
 * runbook named by the alert it serves, e.g. `KubePodCrashLooping.md`),
 * plus the `runbook_url` annotations of the triggering alerts (named, not
 * fetched). A runbook named exactly like the alert wins; the best-scoring
 * runbook is returned, capped.
 */
export interface RunbookOptions {
  readonly directory?: string;
  /** The labelled runbook ConfigMaps (the ClusterPort's runbookConfigMaps). */
  readonly configMaps?: () => Promise<readonly RunbookConfigMap[]>;
  /** runbook_url annotations of the trigger's alerts, by alert name. */
  readonly urls?: Readonly<Record<string, string>>;
}

export interface Runbook {
  readonly name: string;
  readonly text: string;
  /** Where it came from: `runbook:<name>` for a file, `ConfigMap/ns/name#key` for a ConfigMap. */
  readonly source?: string;
}

const input = z.strictObject({
  query: z
    .string()
    .min(1)
    .max(500)
    .describe('Alert name or keywords, e.g. "KubePodCrashLooping database"'),
});

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2);

export function scoreRunbook(runbook: Runbook, query: string): number {
  const haystack = `${runbook.name} ${runbook.text}`.toLowerCase();
  const name = runbook.name.toLowerCase();
  const exact = words(query).includes(name) ? 100 : 0;
  return words(query).reduce(
    (score, w) => score + (name.includes(w) ? 5 : 0) + (haystack.includes(w) ? 1 : 0),
    exact,
  );
}

/** Each data key of each labelled ConfigMap is one Markdown runbook, named by the key without `.md`. */
export function configMapRunbooks(configMaps: readonly RunbookConfigMap[]): Runbook[] {
  return configMaps.flatMap((cm) =>
    Object.entries(cm.data).map(([key, text]) => ({
      name: key.replace(/\.md$/, ''),
      text,
      source: `ConfigMap/${cm.namespace}/${cm.name}#${key}`,
    })),
  );
}

async function loadRunbooks(directory: string | undefined): Promise<Runbook[]> {
  if (directory === undefined) return [];
  const files = await readdir(directory).catch(() => [] as string[]);
  const markdown = files.filter((f) => f.endsWith('.md')).sort();
  return Promise.all(
    markdown.map(async (f) => ({
      name: f.replace(/\.md$/, ''),
      text: await readFile(path.join(directory, f), 'utf8'),
    })),
  );
}

function showRunbook(r: Runbook): string {
  const from = r.source === undefined ? '' : ` (${r.source})`;
  return `# runbook ${r.name}${from}\n${capText(r.text, 6_000)}`;
}

function answer(query: string, ranked: readonly Runbook[], urls: readonly string[]): ToolOutput {
  const [best, ...rest] = ranked;
  if (best === undefined && urls.length === 0) return { text: `no runbook matches "${query}"` };
  const others = rest.slice(0, 3).map((r) => r.name);
  return {
    text: [
      ...(urls.length > 0 ? [`runbook_url annotations:\n${urls.join('\n')}`] : []),
      ...(best === undefined ? [] : [showRunbook(best)]),
      ...(others.length > 0 ? [`other matches: ${others.join(', ')}`] : []),
    ].join('\n\n'),
    sources: best === undefined ? urls : [best.source ?? `runbook:${best.name}`],
  };
}

export function runbookTool(options: RunbookOptions): AgentTool<typeof input> {
  return {
    name: 'runbook_lookup',
    description:
      "Find the team's runbook for an alert or symptom (Markdown runbooks, runbook ConfigMaps and the alerts' runbook_url).",
    input,
    async run({ query }, context) {
      context.progress(`runbook ${query}`);
      const [files, configMaps] = await Promise.all([
        loadRunbooks(options.directory),
        options.configMaps?.() ?? [],
      ]);
      const ranked = [...files, ...configMapRunbooks(configMaps)]
        .map((r) => ({ r, score: scoreRunbook(r, query) }))
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score)
        .map((x) => x.r);
      const urls = Object.entries(options.urls ?? {})
        .filter(([alert]) => words(query).some((w) => alert.toLowerCase().includes(w)))
        .map(([alert, url]) => `${alert}: ${url}`);
      return answer(query, ranked, urls);
    },
  };
}
