import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { capText } from '../compaction/compact-text.ts';
import type { AgentTool } from './tool.ts';

/**
 * runbook_lookup: keyword match over Markdown runbooks in a directory, plus
 * the `runbook_url` annotations of the triggering alerts (named, not
 * fetched). The best-scoring runbook is returned, capped.
 */
export interface RunbookOptions {
  readonly directory?: string;
  /** runbook_url annotations of the trigger's alerts, by alert name. */
  readonly urls?: Readonly<Record<string, string>>;
}

export interface Runbook {
  readonly name: string;
  readonly text: string;
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
  return words(query).reduce(
    (score, w) => score + (name.includes(w) ? 5 : 0) + (haystack.includes(w) ? 1 : 0),
    0,
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

export function runbookTool(options: RunbookOptions): AgentTool<typeof input> {
  return {
    name: 'runbook_lookup',
    description:
      "Find the team's runbook for an alert or symptom (Markdown runbooks and the alerts' runbook_url).",
    input,
    async run({ query }, context) {
      context.progress(`runbook ${query}`);
      const runbooks = await loadRunbooks(options.directory);
      const ranked = runbooks
        .map((r) => ({ r, score: scoreRunbook(r, query) }))
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score);
      const urls = Object.entries(options.urls ?? {})
        .filter(([alert]) => words(query).some((w) => alert.toLowerCase().includes(w)))
        .map(([alert, url]) => `${alert}: ${url}`);
      const best = ranked[0];
      if (best === undefined && urls.length === 0) return { text: `no runbook matches "${query}"` };
      const others = ranked.slice(1, 4).map((x) => x.r.name);
      return {
        text: [
          ...(urls.length > 0 ? [`runbook_url annotations:\n${urls.join('\n')}`] : []),
          ...(best === undefined
            ? []
            : [`# runbook ${best.r.name}\n${capText(best.r.text, 6_000)}`]),
          ...(others.length > 0 ? [`other matches: ${others.join(', ')}`] : []),
        ].join('\n\n'),
        sources: best === undefined ? urls : [`runbook:${best.r.name}`],
      };
    },
  };
}
