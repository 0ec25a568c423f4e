/**
 * A list of objects as one line each: name, namespace and what their
 * status says (phase, readiness, restarts, replicas, conditions), long
 * lists summarised by count after the first rows.
 */
type Plain = Record<string, unknown>;

const asRecord = (v: unknown): Plain => (typeof v === 'object' && v !== null ? (v as Plain) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function podStatus(status: Plain): string {
  const statuses = asArray(status.containerStatuses).map(asRecord);
  const ready = statuses.filter((s) => s.ready === true).length;
  const restarts = statuses.reduce(
    (n, s) => n + (typeof s.restartCount === 'number' ? s.restartCount : 0),
    0,
  );
  const waiting = statuses
    .map((s) => asRecord(asRecord(s.state).waiting).reason)
    .find((r): r is string => typeof r === 'string');
  const phase = typeof status.phase === 'string' ? status.phase : '?';
  return `${waiting ?? phase} ready=${ready}/${statuses.length} restarts=${restarts}`;
}

function replicaStatus(spec: Plain, status: Plain): string {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  return `ready=${n(status.readyReplicas)}/${n(spec.replicas)} updated=${n(status.updatedReplicas)} available=${n(status.availableReplicas)}`;
}

function conditionsText(status: Plain): string {
  const bad = asArray(status.conditions)
    .map(asRecord)
    .filter((c) =>
      c.type === 'Ready' ? c.status !== 'True' : c.status === 'True' && c.type !== 'Ready',
    )
    .map((c) => `${String(c.type)}=${String(c.status)}`);
  return bad.length === 0 ? '' : ` conditions: ${bad.join(',')}`;
}

export function statusLine(kind: string, object: unknown): string {
  const o = asRecord(object);
  const spec = asRecord(o.spec);
  const status = asRecord(o.status);
  if (kind === 'Pod') return `${podStatus(status)} node=${String(spec.nodeName ?? '-')}`;
  if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(kind))
    return replicaStatus(spec, status) + conditionsText(status);
  if (kind === 'Node') {
    const ready = asArray(status.conditions)
      .map(asRecord)
      .find((c) => c.type === 'Ready');
    return `Ready=${String(ready?.status ?? '?')}${conditionsText(status)}${spec.unschedulable === true ? ' cordoned' : ''}`;
  }
  if (typeof status.phase === 'string') return `phase=${status.phase}${conditionsText(status)}`;
  return conditionsText(status).trim();
}

/** Lines that say something is wrong (waiting reasons, not ready, failed phases) come first. */
const trouble =
  /BackOff|Err|Error|Pending|Failed|Unknown|OOM|ready=0\/[1-9]|Ready=(False|Unknown)|conditions:/;

function lineOf(kind: string, item: unknown): string {
  const meta = asRecord(asRecord(item).metadata);
  const name =
    meta.namespace === undefined
      ? String(meta.name)
      : `${String(meta.namespace)}/${String(meta.name)}`;
  return `${kind}/${name}  ${statusLine(kind, item)}`.trimEnd();
}

export function renderList(
  kind: string,
  items: readonly unknown[],
  truncated: boolean,
  maxRows = 50,
): string {
  if (items.length === 0) return `no ${kind} found`;
  const all = items.map((item) => lineOf(kind, item));
  const bad = all.filter((l) => trouble.test(l));
  const lines = [...bad, ...all.filter((l) => !trouble.test(l))].slice(0, maxRows);
  const more = items.length - lines.length;
  const tail = [
    more > 0 ? `… and ${more} more (narrow with a label or field selector)` : '',
    truncated ? '(the cluster has more; the list was cut at the limit)' : '',
  ].filter((t) => t !== '');
  const head = `${items.length} ${kind}${truncated ? '+' : ''}${bad.length > 0 ? `, ${bad.length} with problems (listed first)` : ''}:`;
  return [head, ...lines, ...tail].join('\n');
}
