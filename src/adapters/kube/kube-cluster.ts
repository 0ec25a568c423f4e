import * as k8s from '@kubernetes/client-node';
import { controllerOf } from '../../core/analyzers/ownership.ts';
import { AppError } from '../../core/errors.ts';
import { isKindName, type KindName, type KindObject, kindSchemas } from '../../core/kube/kinds.ts';
import type { HasMeta } from '../../core/kube/meta.ts';
import type {
  ClusterPort,
  EventQuery,
  Listed,
  ListQuery,
  LogQuery,
  OwnerLink,
} from '../../core/ports.ts';
import { apiMessage, apiStatus, toAppError } from './api-errors.ts';
import { createApiResourceReads } from './api-resources.ts';
import { type KindClient, kindClients, type Selectors } from './kind-clients.ts';
import { type NamespacePolicy, namespaceAllowed } from './namespace-policy.ts';
import { createRequestOptions } from './request-options.ts';
import { toKeysOnly, toPlain } from './to-plain.ts';

/**
 * The ClusterPort over @kubernetes/client-node: read-only, typed APIs,
 * every object parsed by the core's schema, Secrets and ConfigMaps only as
 * names and keys, namespaces filtered by the allow/deny policy, every
 * request bounded by a timeout, connections kept alive.
 */
export interface KubeClusterOptions {
  readonly namespaces?: NamespacePolicy;
  readonly requestTimeoutMs?: number;
}

const maxOwnerDepth = 5;

function parseAs<K extends KindName>(kind: K, raw: object): KindObject<K> {
  const plain = kind === 'ConfigMap' || kind === 'Secret' ? toKeysOnly(kind, raw) : toPlain(raw);
  const parsed = kindSchemas[kind].safeParse(plain);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim();
    throw new AppError('internal', `unexpected ${kind} from the Kubernetes API: ${where}`);
  }
  // The schema chosen by `kind` produced it; TypeScript cannot follow the indexed access.
  return parsed.data as KindObject<K>;
}

function selectors(q: ListQuery): Selectors {
  return {
    ...(q.labelSelector === undefined ? {} : { labelSelector: q.labelSelector }),
    ...(q.fieldSelector === undefined ? {} : { fieldSelector: q.fieldSelector }),
    ...(q.limit === undefined ? {} : { limit: q.limit }),
  };
}

function namespaceOf(o: object): string | undefined {
  return 'metadata' in o &&
    typeof o.metadata === 'object' &&
    o.metadata !== null &&
    'namespace' in o.metadata &&
    typeof o.metadata.namespace === 'string'
    ? o.metadata.namespace
    : undefined;
}

function eventSelector(query: EventQuery): string | undefined {
  const io = query.involvedObject;
  if (io === undefined) return undefined;
  const uid = io.uid === undefined ? [] : [`involvedObject.uid=${io.uid}`];
  return [`involvedObject.kind=${io.kind}`, `involvedObject.name=${io.name}`, ...uid].join(',');
}

function logRequest(query: LogQuery) {
  return {
    name: query.pod,
    namespace: query.namespace,
    ...(query.container === undefined ? {} : { container: query.container }),
    ...(query.previous === undefined ? {} : { previous: query.previous }),
    ...(query.tailLines === undefined ? {} : { tailLines: query.tailLines }),
    ...(query.limitBytes === undefined ? {} : { limitBytes: query.limitBytes }),
  };
}

/** No previous instance, a container not started yet, a pod gone: there is no log to read. */
function noLog(err: unknown): boolean {
  const status = apiStatus(err);
  return (
    status === 404 ||
    (status === 400 && /not found|no logs|waiting to start|terminated/i.test(apiMessage(err) ?? ''))
  );
}

/** One step up: the controller owner of `object`, read when its kind is one the core knows. */
async function ownerLink(
  port: ClusterPort,
  object: HasMeta,
  namespace: string | undefined,
): Promise<OwnerLink | undefined> {
  const owner = controllerOf(object);
  if (owner === undefined) return undefined;
  const found = isKindName(owner.kind)
    ? await port.get(owner.kind, owner.name, namespace)
    : undefined;
  return {
    kind: owner.kind,
    name: owner.name,
    ...(namespace === undefined ? {} : { namespace }),
    ...(found === undefined ? {} : { object: found }),
  };
}

export function createKubeCluster(
  kc: k8s.KubeConfig,
  options: KubeClusterOptions = {},
): ClusterPort {
  const clients = kindClients(kc);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const policy = options.namespaces ?? {};
  const requestOptions = createRequestOptions(options.requestTimeoutMs ?? 10_000);

  const guard = (namespace: string, what: string) => {
    if (!namespaceAllowed(policy, namespace)) {
      throw new AppError('forbidden', `${what}: namespace ${namespace} is not allowed`);
    }
  };
  const client = (kind: KindName, namespace: string | undefined): KindClient => {
    const c = clients[kind];
    if (c.namespaced && namespace !== undefined) guard(namespace, `${kind}s in ${namespace}`);
    return c;
  };
  const visible = (o: object): boolean => {
    const ns = namespaceOf(o);
    return ns === undefined || ns === '' || namespaceAllowed(policy, ns);
  };

  const port: ClusterPort = {
    ...createApiResourceReads(kc, policy, requestOptions),

    async get<K extends KindName>(kind: K, name: string, namespace?: string) {
      const c = client(kind, namespace);
      if (c.namespaced && namespace === undefined) {
        throw new AppError('input_invalid', `${kind} ${name}: a namespace is needed`);
      }
      try {
        return parseAs(kind, await c.read(name, namespace ?? '', requestOptions()));
      } catch (err) {
        if (apiStatus(err) === 404) return undefined;
        throw toAppError(err, `get ${kind} ${namespace ?? ''}/${name}`);
      }
    },

    async list<K extends KindName>(kind: K, query: ListQuery = {}): Promise<Listed<KindObject<K>>> {
      const c = client(kind, query.namespace);
      try {
        const namespace = c.namespaced ? query.namespace : undefined;
        const raw = await c.list(namespace, selectors(query), requestOptions());
        const items = raw.items.filter(visible).map((o) => parseAs(kind, o));
        return { items, truncated: (raw.metadata?._continue ?? '') !== '' };
      } catch (err) {
        const where = query.namespace === undefined ? '' : ` in ${query.namespace}`;
        throw toAppError(err, `list ${kind}s${where}`);
      }
    },

    async events(query: EventQuery) {
      const fieldSelector = eventSelector(query);
      return port.list('Event', {
        ...(query.namespace === undefined ? {} : { namespace: query.namespace }),
        ...(fieldSelector === undefined ? {} : { fieldSelector }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      });
    },

    async logs(query: LogQuery) {
      guard(query.namespace, `logs of ${query.namespace}/${query.pod}`);
      try {
        return await core.readNamespacedPodLog(logRequest(query), requestOptions());
      } catch (err) {
        if (noLog(err)) return undefined;
        throw toAppError(err, `logs of ${query.namespace}/${query.pod}`);
      }
    },

    async ownerChain(object: HasMeta): Promise<readonly OwnerLink[]> {
      const chain: OwnerLink[] = [];
      let current: HasMeta | undefined = object;
      while (current !== undefined && chain.length < maxOwnerDepth) {
        const link = await ownerLink(port, current, object.metadata.namespace);
        if (link === undefined) break;
        chain.push(link);
        current = link.object;
      }
      return chain;
    },
  };
  return port;
}
