import { createRegistry, type MutableRegistry } from '../../core/config-registry.ts';
import { apiVersion, parseResource, resourceSchemas } from '../../core/resources/index.ts';
import { type ConfigProblem, loadConfigDir } from './config-dir.ts';

/**
 * Local mode: Sources, Workflows and Sinks from a directory, validated by
 * the same schemas as the CRDs, in a registry like the controller's.
 */
export type LocalRegistryOutcome =
  | { readonly ok: true; readonly registry: MutableRegistry; readonly count: number }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export function loadLocalRegistry(dir: string, namespace = 'default'): LocalRegistryOutcome {
  const { Source, Workflow, Sink } = resourceSchemas;
  const loaded = loadConfigDir(dir, apiVersion, { Source, Workflow, Sink });
  if (!loaded.ok) return loaded;
  const registry = createRegistry();
  for (const doc of loaded.documents) {
    const value = doc.value as { metadata: { namespace?: string } };
    const parsed = parseResource({
      ...value,
      metadata: { ...value.metadata, namespace: value.metadata.namespace ?? namespace },
    });
    if (parsed.ok && parsed.resource.kind !== 'WorkflowRun') registry.put(parsed.resource);
  }
  return { ok: true, registry, count: loaded.documents.length };
}
