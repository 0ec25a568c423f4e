import type { HasMeta } from './meta.ts';

/**
 * How the report names an object: `Kind/namespace/name`, or `Kind/name`
 * for a cluster-scoped object (a Node, a StorageClass).
 */
export function objectRef(kind: string, name: string, namespace?: string): string {
  return namespace === undefined || namespace === ''
    ? `${kind}/${name}`
    : `${kind}/${namespace}/${name}`;
}

export function refOf(kind: string, object: HasMeta): string {
  return objectRef(kind, object.metadata.name, object.metadata.namespace);
}

export interface ParsedRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export function parseRef(ref: string): ParsedRef | undefined {
  const parts = ref.split('/');
  const [kind, a, b] = parts;
  if (kind === undefined || a === undefined || kind === '' || a === '') return undefined;
  if (parts.length === 2) return { kind, name: a };
  if (parts.length === 3 && b !== undefined && b !== '') return { kind, namespace: a, name: b };
  return undefined;
}
