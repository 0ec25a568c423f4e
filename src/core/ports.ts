/**
 * The ports of the pure core: what the domain needs from the outside world,
 * as interfaces. Adapters (src/adapters, src/agent, src/sources, src/sinks,
 * src/bot, src/controllers) implement them; src/wiring builds them once per
 * role and wires them together (docs/adr/015-layout.md).
 */
import type { KubeEvent } from './kube/cluster-objects.ts';
import type { KindName, KindObject } from './kube/kinds.ts';
import type { HasMeta } from './kube/meta.ts';

/** Time, injectable so tests control it. */
export interface Clock {
  now(): Date;
}

/** Ids, injectable so tests get stable ones. */
export interface Ids {
  next(prefix: string): string;
}

export const systemClock: Clock = { now: () => new Date() };

/** A list answer; `truncated` when the cluster had more than the limit. */
export interface Listed<T> {
  readonly items: readonly T[];
  readonly truncated: boolean;
}

export interface ListQuery {
  /** Omitted for cluster-scoped kinds, or to list across all (allowed) namespaces. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
}

export interface EventQuery {
  readonly namespace?: string;
  readonly involvedObject?: { readonly kind: string; readonly name: string; readonly uid?: string };
  readonly limit?: number;
}

export interface LogQuery {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  /** The previous (crashed) instance of the container. */
  readonly previous?: boolean;
  readonly tailLines?: number;
  readonly limitBytes?: number;
}

/** One step up an object's controller chain; `object` when the kind is one the core reads. */
export interface OwnerLink {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly object?: HasMeta;
}

/**
 * Read-only access to a Kubernetes cluster. Objects come back parsed by the
 * core's schemas (src/core/kube); a Secret (and a ConfigMap) only ever as
 * its name and key names. An adapter may refuse namespaces (allow/deny
 * lists): `get`, `events` and `logs` then throw AppError `forbidden`, and
 * cross-namespace lists leave those namespaces out.
 */
export interface ClusterPort {
  /** undefined when the object does not exist. */
  get<K extends KindName>(
    kind: K,
    name: string,
    namespace?: string,
  ): Promise<KindObject<K> | undefined>;
  list<K extends KindName>(kind: K, query?: ListQuery): Promise<Listed<KindObject<K>>>;
  events(query: EventQuery): Promise<Listed<KubeEvent>>;
  /** The log text, or undefined when there is none (no previous instance, pod gone). */
  logs(query: LogQuery): Promise<string | undefined>;
  /** The controller owners of `object`, nearest first (Pod → ReplicaSet → Deployment). */
  ownerChain(object: HasMeta): Promise<readonly OwnerLink[]>;
  /**
   * Any API resource outside the core group by group/version/plural (custom
   * resources, ControllerRevisions), as plain JSON without managed fields.
   * Optional: adapters that cannot read them leave it out (the tools then
   * do not exist). Never a Secret, a ConfigMap or a core-group resource.
   */
  readResource?(
    type: ApiResourceType,
    name: string,
    namespace?: string,
  ): Promise<PlainObject | undefined>;
  listResourceItems?(type: ApiResourceType, query?: ListQuery): Promise<Listed<PlainObject>>;
  /**
   * The ConfigMaps labelled `punchingfist.io/runbook=true` in the allowed
   * namespaces, with their data: the only ConfigMap values the adapter reads.
   */
  runbookConfigMaps?(): Promise<readonly RunbookConfigMap[]>;
}

/** An API resource by its REST coordinates: `monitoring.coreos.com`, `v1`, `prometheusrules`. */
export interface ApiResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

export type PlainObject = Readonly<Record<string, unknown>>;

export const runbookLabel = 'punchingfist.io/runbook';

export interface RunbookConfigMap {
  readonly name: string;
  readonly namespace: string;
  /** Data keys (Markdown runbooks, e.g. `KubePodCrashLooping.md`) and their text. */
  readonly data: Readonly<Record<string, string>>;
}

export type {
  LlmMessage,
  LlmPort,
  LlmRequest,
  LlmResponse,
  LlmToolDefinition,
  LlmUsage,
} from './agent/llm.ts';
