import type { LogExcerpt, Snapshot } from '../analyzers/snapshot.ts';
import type { KeysOnly } from '../kube/cluster-objects.ts';
import { type ConfigRef, configRefs } from '../kube/config-refs.ts';
import type { Pod } from '../kube/pod.ts';
import { objectRef } from '../kube/refs.ts';
import type { ClusterPort, LogQuery } from '../ports.ts';
import { type Notes, safely } from './gather.ts';
import { planLogs } from './log-plan.ts';

/**
 * The second round of reads, for the pods that matter: the ConfigMaps and
 * Secrets they refer to (names and keys only, to tell "missing" from "not
 * read") and the logs of their failing containers.
 */
const maxConfigRefs = 40;

interface Looked {
  readonly ref: string;
  readonly found?: KeysOnly;
}

function uniqueRefs(pods: readonly Pod[]): (ConfigRef & { namespace: string })[] {
  const seen = new Map<string, ConfigRef & { namespace: string }>();
  for (const pod of pods) {
    const namespace = pod.metadata.namespace ?? '';
    for (const ref of configRefs(pod))
      seen.set(objectRef(ref.kind, ref.name, namespace), { ...ref, namespace });
  }
  return [...seen.values()].slice(0, maxConfigRefs);
}

async function lookUp(
  cluster: ClusterPort,
  notes: Notes,
  ref: ConfigRef & { namespace: string },
): Promise<Looked | undefined> {
  const name = objectRef(ref.kind, ref.name, ref.namespace);
  const none: Looked | undefined = undefined;
  return safely(notes, name, none, async () => {
    const found = await cluster.get(ref.kind, ref.name, ref.namespace);
    return found === undefined ? { ref: name } : { ref: name, found };
  });
}

async function readLog(
  cluster: ClusterPort,
  notes: Notes,
  q: LogQuery,
): Promise<LogExcerpt | undefined> {
  const what = `logs of ${q.namespace}/${q.pod} (${q.container ?? ''}${q.previous ? ', previous' : ''})`;
  const text = await safely(notes, what, undefined, () => cluster.logs(q));
  if (text === undefined) return undefined;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return {
    namespace: q.namespace,
    pod: q.pod,
    container: q.container ?? '',
    previous: q.previous === true,
    lines,
  };
}

export async function gatherDetails(
  cluster: ClusterPort,
  notes: Notes,
  snapshot: Snapshot,
  pods: readonly Pod[],
  focusContainer?: string,
): Promise<Snapshot> {
  const plan = planLogs(pods, snapshot, focusContainer === undefined ? {} : { focusContainer });
  const [looked, logs] = await Promise.all([
    Promise.all(uniqueRefs(pods).map((ref) => lookUp(cluster, notes, ref))),
    Promise.all(plan.map((q) => readLog(cluster, notes, q))),
  ]);
  const done = looked.filter((l) => l !== undefined);
  const found = done.flatMap((l) => (l.found === undefined ? [] : [l.found]));
  return {
    ...snapshot,
    configMaps: [...snapshot.configMaps, ...found.filter((o) => o.kind === 'ConfigMap')],
    secrets: [...snapshot.secrets, ...found.filter((o) => o.kind === 'Secret')],
    logs: [...snapshot.logs, ...logs.filter((l) => l !== undefined)],
    checked: [...snapshot.checked, ...done.map((l) => l.ref)],
  };
}
