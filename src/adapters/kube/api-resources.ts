import * as k8s from '@kubernetes/client-node';
import { AppError } from '../../core/errors.ts';
import {
  type ApiResourceType,
  type Listed,
  type ListQuery,
  type PlainObject,
  type RunbookConfigMap,
  runbookLabel,
} from '../../core/ports.ts';
import { apiStatus, toAppError } from './api-errors.ts';
import { type NamespacePolicy, namespaceAllowed } from './namespace-policy.ts';
import { toPlain } from './to-plain.ts';

/**
 * The ClusterPort's optional reads beyond the core's kinds: any API
 * resource outside the core group by group/version/plural (custom
 * resources, ControllerRevisions), and the data of the ConfigMaps labelled
 * as runbooks. Read-only; the namespace policy applies; Secrets never.
 */
export interface ApiResourceReads {
  readResource(
    type: ApiResourceType,
    name: string,
    namespace?: string,
  ): Promise<PlainObject | undefined>;
  listResourceItems(type: ApiResourceType, query?: ListQuery): Promise<Listed<PlainObject>>;
  runbookConfigMaps(): Promise<readonly RunbookConfigMap[]>;
}

type Options = k8s.ConfigurationOptions;

/** Secret-bearing or core-group resources are the typed kinds' business (keys only there). */
export function refusal(type: ApiResourceType): string | undefined {
  if (type.group === '' || type.group === 'core')
    return 'the core group (pods, configmaps, secrets…) is read with get_resource/list_resources';
  if (/secret/i.test(type.plural)) return `${type.plural} may hold secret data and is never read`;
  return undefined;
}

function asPlain(value: unknown): PlainObject {
  const plain = toPlain(value);
  return typeof plain === 'object' && plain !== null ? (plain as PlainObject) : {};
}

function namespaceOf(o: PlainObject): string | undefined {
  const meta = o.metadata;
  if (typeof meta !== 'object' || meta === null || !('namespace' in meta)) return undefined;
  return typeof meta.namespace === 'string' ? meta.namespace : undefined;
}

interface RawList {
  readonly items?: readonly unknown[];
  readonly metadata?: { readonly continue?: string };
}

function itemsOf(raw: unknown): { items: PlainObject[]; truncated: boolean } {
  const list = (typeof raw === 'object' && raw !== null ? raw : {}) as RawList;
  return {
    items: (list.items ?? []).map(asPlain),
    truncated: (list.metadata?.continue ?? '') !== '',
  };
}

export function createApiResourceReads(
  kc: k8s.KubeConfig,
  policy: NamespacePolicy,
  requestOptions: () => Options,
): ApiResourceReads {
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const check = (type: ApiResourceType, namespace: string | undefined) => {
    const refused = refusal(type);
    if (refused !== undefined) throw new AppError('forbidden', refused);
    if (namespace !== undefined && !namespaceAllowed(policy, namespace))
      throw new AppError('forbidden', `${type.plural}: namespace ${namespace} is not allowed`);
  };
  const visible = (o: PlainObject) => {
    const ns = namespaceOf(o);
    return ns === undefined || ns === '' || namespaceAllowed(policy, ns);
  };

  return {
    async readResource(type, name, namespace) {
      check(type, namespace);
      try {
        const raw =
          namespace === undefined
            ? await custom.getClusterCustomObject({ ...type, name }, requestOptions())
            : await custom.getNamespacedCustomObject(
                { ...type, namespace, name },
                requestOptions(),
              );
        return asPlain(raw);
      } catch (err) {
        if (apiStatus(err) === 404) return undefined;
        throw toAppError(err, `get ${type.plural}.${type.group} ${namespace ?? ''}/${name}`);
      }
    },

    async listResourceItems(type, query = {}) {
      check(type, query.namespace);
      const selectors = {
        ...(query.labelSelector === undefined ? {} : { labelSelector: query.labelSelector }),
        ...(query.fieldSelector === undefined ? {} : { fieldSelector: query.fieldSelector }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      };
      try {
        const raw =
          query.namespace === undefined
            ? await custom.listClusterCustomObject({ ...type, ...selectors }, requestOptions())
            : await custom.listNamespacedCustomObject(
                { ...type, namespace: query.namespace, ...selectors },
                requestOptions(),
              );
        const { items, truncated } = itemsOf(raw);
        return { items: items.filter(visible), truncated };
      } catch (err) {
        throw toAppError(err, `list ${type.plural}.${type.group}`);
      }
    },

    async runbookConfigMaps() {
      try {
        const raw = await core.listConfigMapForAllNamespaces(
          { labelSelector: `${runbookLabel}=true`, limit: 200 },
          requestOptions(),
        );
        return raw.items.flatMap((cm) => {
          const namespace = cm.metadata?.namespace ?? '';
          if (!namespaceAllowed(policy, namespace)) return [];
          return [{ name: cm.metadata?.name ?? '', namespace, data: { ...(cm.data ?? {}) } }];
        });
      } catch (err) {
        throw toAppError(err, `list runbook ConfigMaps (${runbookLabel}=true)`);
      }
    },
  };
}
