import type { Sink, Source, Workflow } from './resources/index.ts';

/**
 * The typed, in-memory view of the configuration the rest of the app
 * reads: valid Sources, Workflows and Sinks, from the API server (the
 * controller keeps it current) or from a --config directory (local mode).
 */
export type ConfigKind = 'Source' | 'Workflow' | 'Sink';
export type ConfigResource = Source | Workflow | Sink;

export interface RegistryChange {
  readonly kind: ConfigKind;
  readonly namespace: string;
  readonly name: string;
  readonly resource: ConfigResource | undefined;
}

export interface Registry {
  source(namespace: string, name: string): Source | undefined;
  workflow(namespace: string, name: string): Workflow | undefined;
  sink(namespace: string, name: string): Sink | undefined;
  sources(): readonly Source[];
  workflows(): readonly Workflow[];
  sinks(): readonly Sink[];
  /** The Source that receives webhooks on this path (its custom path or /webhooks/<ns>/<name>). */
  sourceForPath(path: string): Source | undefined;
  onChange(listener: (change: RegistryChange) => void): () => void;
}

export interface MutableRegistry extends Registry {
  put(resource: ConfigResource): void;
  remove(kind: ConfigKind, namespace: string, name: string): void;
}

/** Every path a webhook Source receives on: /webhooks/<ns>/<name>, and its custom path if any. */
export function webhookPathsOf(source: Source): string[] {
  const spec = source.spec;
  if (spec.type !== 'alertmanager' && spec.type !== 'api') return [];
  const standard = `/webhooks/${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
  return spec.path === undefined ? [standard] : [standard, spec.path];
}

/** The path shown in status: the custom one when set. */
export function webhookPathOf(source: Source): string | undefined {
  return webhookPathsOf(source).at(-1);
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

export function createRegistry(): MutableRegistry {
  const maps = {
    Source: new Map<string, Source>(),
    Workflow: new Map<string, Workflow>(),
    Sink: new Map<string, Sink>(),
  };
  const byPath = new Map<string, Source>();
  const listeners = new Set<(change: RegistryChange) => void>();
  const notify = (change: RegistryChange) => {
    for (const l of listeners) l(change);
  };
  const unindex = (key: string) => {
    const old = maps.Source.get(key);
    if (old === undefined) return;
    for (const path of webhookPathsOf(old)) if (byPath.get(path) === old) byPath.delete(path);
  };

  return {
    source: (ns, name) => maps.Source.get(keyOf(ns, name)),
    workflow: (ns, name) => maps.Workflow.get(keyOf(ns, name)),
    sink: (ns, name) => maps.Sink.get(keyOf(ns, name)),
    sources: () => [...maps.Source.values()],
    workflows: () => [...maps.Workflow.values()],
    sinks: () => [...maps.Sink.values()],
    sourceForPath: (path) => byPath.get(path),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    put(resource) {
      const ns = resource.metadata.namespace ?? 'default';
      const key = keyOf(ns, resource.metadata.name);
      if (resource.kind === 'Source') {
        unindex(key);
        maps.Source.set(key, resource);
        for (const path of webhookPathsOf(resource)) byPath.set(path, resource);
      } else if (resource.kind === 'Workflow') maps.Workflow.set(key, resource);
      else maps.Sink.set(key, resource);
      notify({ kind: resource.kind, namespace: ns, name: resource.metadata.name, resource });
    },
    remove(kind, namespace, name) {
      const key = keyOf(namespace, name);
      if (kind === 'Source') unindex(key);
      if (maps[kind].delete(key)) notify({ kind, namespace, name, resource: undefined });
    },
  };
}
