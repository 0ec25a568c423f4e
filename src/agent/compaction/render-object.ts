import { stringify } from 'yaml';

/**
 * A Kubernetes object as the model reads it: YAML without managed fields,
 * the last-applied annotation, resource versions, uids and other metadata
 * noise, and with empty values left out.
 */
const noisyMeta = ['managedFields', 'resourceVersion', 'uid', 'selfLink', 'generation'];
const noisyAnnotations = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
];

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune).filter((v) => !isEmpty(v));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const pruned = prune(v);
    if (!isEmpty(pruned)) out[k] = pruned;
  }
  return out;
}

function withoutNoise(object: Record<string, unknown>): Record<string, unknown> {
  const meta = { ...(object.metadata as Record<string, unknown> | undefined) };
  for (const key of noisyMeta) delete meta[key];
  if (typeof meta.annotations === 'object' && meta.annotations !== null) {
    const annotations = { ...(meta.annotations as Record<string, string>) };
    for (const key of noisyAnnotations) delete annotations[key];
    meta.annotations = annotations;
  }
  return { ...object, metadata: meta };
}

export function renderObject(object: unknown): string {
  if (typeof object !== 'object' || object === null) return String(object);
  return stringify(prune(withoutNoise(object as Record<string, unknown>)), {
    lineWidth: 0,
  }).trimEnd();
}
