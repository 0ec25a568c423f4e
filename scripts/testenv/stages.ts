import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/**
 * kwok drops its default Stages as soon as any Stage is supplied, so the
 * defaults are loaded from kwok's own Go module (kustomize/stage/, in the
 * module cache, never copied into this repo) and restricted so they leave
 * simulated faults alone; our fault Stages (stages/*.yaml) stand beside them.
 */
const podDefaults = [
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];
const nodeDefaults = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
];

const podFault = 'sim.punchingfist.io/fault';
const nodeFault = 'sim.punchingfist.io/node-fault';

interface MatchExpression {
  key: string;
  operator: string;
  values?: string[];
}

/** Extra selector terms per default stage, so it does not undo a fault. */
const restrictions: Record<string, MatchExpression[]> = {
  'pod-ready': [{ key: `.metadata.labels["${podFault}"]`, operator: 'DoesNotExist' }],
  // A faulted node is initialised once (addresses, capacity), then left to sim-node-fault.
  'node-initialize': [
    {
      key: `if ((.metadata.labels["${nodeFault}"] // "") != "" and .status.phase == "Running") then "fault" else "init" end`,
      operator: 'In',
      values: ['init'],
    },
  ],
  'node-heartbeat-with-lease': [
    { key: `.metadata.labels["${nodeFault}"]`, operator: 'DoesNotExist' },
  ],
};

export function kwokModuleDir(kwokVersion: string): string {
  const out = execFileSync('go', ['mod', 'download', '-json', `sigs.k8s.io/kwok@${kwokVersion}`], {
    encoding: 'utf8',
    cwd: '/',
    env: { ...process.env, GOFLAGS: '-mod=mod' },
  });
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (info.Dir === undefined) throw new Error(`go mod download kwok: ${info.Error ?? out}`);
  return info.Dir;
}

function restrict(doc: YAML.Document): YAML.Document {
  const name = String(doc.getIn(['metadata', 'name']));
  const extra = restrictions[name];
  if (extra === undefined) return doc;
  const existing = doc.getIn(['spec', 'selector', 'matchExpressions']);
  if (!YAML.isSeq(existing)) throw new Error(`kwok stage ${name} has no matchExpressions`);
  for (const term of extra) existing.add(doc.createNode(term));
  return doc;
}

/** The Stage documents kwok should run: kwok's defaults (restricted) + ours. */
export function buildStages(kwokVersion: string, ownStagesDir: string): string {
  const stageRoot = path.join(kwokModuleDir(kwokVersion), 'kustomize/stage');
  const defaults = [...podDefaults, ...nodeDefaults].map((file) =>
    restrict(YAML.parseDocument(readFileSync(path.join(stageRoot, file), 'utf8'))),
  );
  const own = ['pod-faults.yaml', 'node-faults.yaml'].flatMap((file) =>
    YAML.parseAllDocuments(readFileSync(path.join(ownStagesDir, file), 'utf8')),
  );
  return [...defaults, ...own]
    .filter((doc) => doc.contents !== null)
    .map((doc) => doc.toString())
    .join('---\n');
}
