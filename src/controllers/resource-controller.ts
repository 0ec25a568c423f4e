import type * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import {
  createResourceInformer,
  type ResourceInformer,
} from '../adapters/kube/resource-informer.ts';
import type { StatusWriter } from '../adapters/kube/status-writer.ts';
import { type ConditionInput, setCondition } from '../core/conditions.ts';
import { type ConfigKind, type MutableRegistry, webhookPathOf } from '../core/config-registry.ts';
import type { Clock } from '../core/ports.ts';
import {
  assessSink,
  assessSource,
  assessWorkflow,
  type ExpressionCheck,
  invalidSpec,
} from '../core/readiness.ts';
import { apiGroup, parseResource } from '../core/resources/index.ts';

/**
 * Watches Sources, Workflows and Sinks, keeps the registry current, and
 * writes each one's `Ready` condition (with observedGeneration) and derived
 * status (webhook path, step count). What the CRD schema cannot check (a
 * regex, a reference to another object) shows as Ready=False with the
 * field named — the controller never crashes on a bad object.
 */
export interface ResourceControllerDeps {
  readonly kc: k8s.KubeConfig;
  readonly custom: k8s.CustomObjectsApi;
  readonly status: StatusWriter;
  readonly registry: MutableRegistry;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Checks CEL syntax (conditions, autoApproveIf) so a typo shows as Ready=False, not as a failed run. */
  readonly checkExpression?: ExpressionCheck;
  /** Watch one namespace only; all namespaces when unset. */
  readonly namespace?: string;
}

export interface ResourceController {
  start(): Promise<void>;
  stop(): Promise<void>;
  synced(): boolean;
}

const plurals: Record<ConfigKind, string> = {
  Source: 'sources',
  Workflow: 'workflows',
  Sink: 'sinks',
};
const version = 'v1alpha1';

type Raw = k8s.KubernetesObject & { spec?: unknown; status?: Record<string, unknown> };

export function createResourceController(deps: ResourceControllerDeps): ResourceController {
  const raw = new Map<string, Raw>();
  const chains = new Map<string, Promise<void>>();
  const keyOf = (kind: ConfigKind, ns: string, name: string) => `${kind}/${ns}/${name}`;

  function desired(
    kind: ConfigKind,
    object: Raw,
  ): { condition: ConditionInput; derived: Record<string, unknown> } {
    const generation = object.metadata?.generation;
    const parsed = parseResource({ ...object, status: undefined });
    if (!parsed.ok) return { condition: invalidSpec(generation, parsed.problems), derived: {} };
    const r = parsed.resource;
    if (r.kind === 'Source')
      return {
        condition: assessSource(r, deps.registry),
        derived: { webhookPath: webhookPathOf(r) },
      };
    if (r.kind === 'Workflow')
      return {
        condition: assessWorkflow(r, deps.registry, deps.checkExpression),
        derived: { stepCount: r.spec.steps.length },
      };
    if (r.kind === 'Sink') return { condition: assessSink(r), derived: {} };
    return {
      condition: invalidSpec(generation, [{ field: 'kind', message: `not a ${kind}` }]),
      derived: {},
    };
  }

  function nextStatus(
    current: Record<string, unknown> | undefined,
    want: ReturnType<typeof desired>,
    generation: number | undefined,
  ) {
    const conditions = setCondition(current?.conditions as never, want.condition, deps.clock.now());
    const next: Record<string, unknown> = { ...current, ...want.derived, conditions };
    if (generation !== undefined) next.observedGeneration = generation;
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    return next;
  }

  async function reconcile(kind: ConfigKind, ns: string, name: string): Promise<void> {
    const object = raw.get(keyOf(kind, ns, name));
    if (object === undefined) return;
    const want = desired(kind, object);
    const generation = object.metadata?.generation;
    if (
      JSON.stringify(nextStatus(object.status, want, generation)) ===
      JSON.stringify(object.status ?? {})
    )
      return;
    const ref = { group: apiGroup, version, plural: plurals[kind], namespace: ns, name };
    await deps.status.update<Record<string, unknown>>(ref, (current) =>
      nextStatus(current, desired(kind, object), generation),
    );
    deps.logger.info(
      { kind, namespace: ns, name, ready: want.condition.status, reason: want.condition.reason },
      'status updated',
    );
  }

  function enqueue(kind: ConfigKind, ns: string, name: string): void {
    const key = keyOf(kind, ns, name);
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => reconcile(kind, ns, name))
      .catch((err: unknown) =>
        deps.logger.warn({ err, kind, namespace: ns, name }, 'reconcile failed'),
      );
    chains.set(key, next);
    void next.then(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
  }

  function dependents(kind: ConfigKind, ns: string, name: string): void {
    if (kind === 'Workflow') {
      for (const s of deps.registry.sources())
        if (s.metadata.namespace === ns && s.spec.workflowRef.name === name)
          enqueue('Source', ns, s.metadata.name);
    }
    if (kind === 'Sink') {
      for (const w of deps.registry.workflows())
        if (
          w.metadata.namespace === ns &&
          (w.spec.sinks ?? []).some((b) => b.sinkRef.name === name)
        )
          enqueue('Workflow', ns, w.metadata.name);
    }
  }

  function onEvent(kind: ConfigKind, type: 'add' | 'update' | 'delete', object: Raw): void {
    const ns = object.metadata?.namespace ?? 'default';
    const name = object.metadata?.name ?? '';
    const key = keyOf(kind, ns, name);
    if (type === 'delete') {
      raw.delete(key);
      deps.registry.remove(kind, ns, name);
    } else {
      raw.set(key, object);
      const parsed = parseResource({ ...object, status: undefined });
      if (parsed.ok && parsed.resource.kind === kind) deps.registry.put(parsed.resource);
      else deps.registry.remove(kind, ns, name);
      enqueue(kind, ns, name);
    }
    dependents(kind, ns, name);
  }

  const informers: ResourceInformer<Raw>[] = (Object.keys(plurals) as ConfigKind[]).map((kind) => {
    const plural = plurals[kind];
    const base = `/apis/${apiGroup}/${version}`;
    const path =
      deps.namespace === undefined
        ? `${base}/${plural}`
        : `${base}/namespaces/${deps.namespace}/${plural}`;
    const list = async () =>
      (deps.namespace === undefined
        ? await deps.custom.listClusterCustomObject({ group: apiGroup, version, plural })
        : await deps.custom.listNamespacedCustomObject({
            group: apiGroup,
            version,
            plural,
            namespace: deps.namespace,
          })) as k8s.KubernetesListObject<Raw>;
    return createResourceInformer<Raw>({
      kc: deps.kc,
      path,
      list,
      logger: deps.logger,
      onEvent: (e) => onEvent(kind, e.type, e.object),
    });
  });

  return {
    async start() {
      await Promise.all(informers.map((i) => i.start()));
    },
    async stop() {
      await Promise.all(informers.map((i) => i.stop()));
      await Promise.all(chains.values());
    },
    synced: () => informers.every((i) => i.synced()),
  };
}
