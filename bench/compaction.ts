/**
 * `npm run bench -- compaction`: what compaction saves before tool output
 * reaches the model. Realistic outputs (bench/compaction/*) go through the
 * tools' renderers and the loop's cap, exactly as in src/agent; the target
 * is compacted/raw bytes <= 0.35 over the set, with every error line
 * (and every Warning event, every troubled Pod) still there.
 */
import { toPlain } from '../src/adapters/kube/to-plain.ts';
import { compactLog } from '../src/agent/compaction/compact-log.ts';
import { compactText } from '../src/agent/compaction/compact-text.ts';
import { isImportant, normalizeLine } from '../src/agent/compaction/log-lines.ts';
import { renderEvents } from '../src/agent/compaction/render-events.ts';
import { renderList } from '../src/agent/compaction/render-list.ts';
import { renderObject } from '../src/agent/compaction/render-object.ts';
import { defaultPrices } from '../src/agent/loop/pricing.ts';
import { eventSchema } from '../src/core/kube/cluster-objects.ts';
import { crashLoopJavaLog, redisOutageNodeLog } from './compaction/log-fixtures.ts';
import { crashingPod, podEvents, podList } from './compaction/object-fixtures.ts';

interface Case {
  readonly name: string;
  readonly raw: string;
  readonly compacted: string;
  /** Lines that must survive, each checked after normalisation. */
  readonly mustKeep: readonly string[];
}

const toolCap = 8_000;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function logCase(name: string, raw: string): Case {
  const errors = raw.split('\n').filter((l) => l.trim() !== '' && isImportant(l));
  return { name, raw, compacted: compactText(compactLog(raw), toolCap), mustKeep: errors };
}

function describeCase(): Case {
  const pod = crashingPod('checkout-6c9a1e7f4d-x2kqp');
  const events = podEvents('checkout-6c9a1e7f4d-x2kqp');
  const raw = `${JSON.stringify(pod, null, 2)}\n${JSON.stringify({ kind: 'EventList', items: events }, null, 2)}`;
  const parsed = events.map((e) => eventSchema.parse(toPlain(e)));
  const rendered = [
    renderObject(pod),
    '--- owners: ReplicaSet/checkout-6c9a1e7f4d → Deployment/checkout',
    '--- events:',
    renderEvents(parsed),
  ].join('\n');
  const warnings = [
    ...new Set(parsed.filter((e) => e.type === 'Warning').map((e) => e.message ?? '')),
  ];
  return {
    name: 'describe pod + 92 events',
    raw,
    compacted: compactText(rendered, toolCap),
    mustKeep: warnings,
  };
}

function listCase(): Case {
  const pods = podList(120);
  const raw = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: pods }, null, 2);
  const troubled = pods
    .filter((p) => JSON.stringify(p).includes('CrashLoopBackOff'))
    .map((p) => `Pod/shop/${String((p.metadata as { name: string }).name)}`);
  return {
    name: 'list 120 pods',
    raw,
    compacted: compactText(renderList('Pod', pods, false), toolCap),
    mustKeep: troubled,
  };
}

/** Each must-keep line, normalised (timestamps, ids, numbers), is inside some normalised compacted line. */
function kept(c: Case): { missing: string[] } {
  const lines = c.compacted.split('\n').map((l) => normalizeLine(l));
  const missing = c.mustKeep.filter((line) => {
    const wanted = normalizeLine(line);
    return !lines.some((l) => l.includes(wanted));
  });
  return { missing };
}

export function runCompactionBench(): boolean {
  const cases = [
    logCase('crash-looping JVM app, previous log, 6 restarts', crashLoopJavaLog()),
    logCase('Node app JSON log, Redis outage', redisOutageNodeLog()),
    describeCase(),
    listCase(),
  ];
  let raw = 0;
  let compacted = 0;
  let allKept = true;
  let worst = 0;
  console.log(
    'case                                              raw B   compacted B  ratio  error lines kept',
  );
  for (const c of cases) {
    const { missing } = kept(c);
    allKept &&= missing.length === 0;
    raw += bytes(c.raw);
    compacted += bytes(c.compacted);
    const ratio = bytes(c.compacted) / bytes(c.raw);
    worst = Math.max(worst, ratio);
    console.log(
      `${c.name.padEnd(48)} ${String(bytes(c.raw)).padStart(8)} ${String(bytes(c.compacted)).padStart(12)}  ${ratio.toFixed(3)}  ${c.mustKeep.length - missing.length}/${c.mustKeep.length}`,
    );
    for (const m of missing.slice(0, 3)) console.log(`   missing: ${m.slice(0, 120)}`);
  }
  const ratio = compacted / raw;
  const price = defaultPrices['claude-sonnet-4']?.input ?? 3;
  const tokens = (b: number) => Math.round(b / 4);
  console.log(
    `total: ${raw} B raw → ${compacted} B compacted, ratio ${ratio.toFixed(3)}; worst case ${worst.toFixed(3)} (target <= 0.35 overall and per case: ${worst <= 0.35 ? 'PASS' : 'FAIL'}); every error line kept: ${allKept ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `≈ ${tokens(raw)} → ${tokens(compacted)} input tokens (4 B/token) for these four tool results; at Claude Sonnet's $${price}/Mtok input: $${((tokens(raw) * price) / 1e6).toFixed(4)} → $${((tokens(compacted) * price) / 1e6).toFixed(4)} each time they are sent`,
  );
  return ratio <= 0.35 && worst <= 0.35 && allKept;
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.exitCode = runCompactionBench() ? 0 : 1;
