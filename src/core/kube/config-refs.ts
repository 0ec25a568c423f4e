import type { Container, Pod } from './pod.ts';

/** A reference from a pod to a ConfigMap or Secret (optionally one key of it). */
export interface ConfigRef {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  readonly key?: string;
  readonly optional: boolean;
  /** Where the pod refers to it, e.g. `spec.containers[app].env[DB_PASSWORD]`. */
  readonly via: string;
  /** The container whose environment needs it; undefined for a volume. */
  readonly container?: string;
}

interface RefSource {
  readonly name?: string | undefined;
  readonly key?: string | undefined;
  readonly optional?: boolean | undefined;
}

/** One reference, or none when the pod names no object there. */
function ref(
  kind: ConfigRef['kind'],
  source: RefSource | undefined,
  via: string,
  container: string | undefined,
): ConfigRef[] {
  if (source?.name === undefined) return [];
  return [
    {
      kind,
      name: source.name,
      ...(source.key === undefined ? {} : { key: source.key }),
      optional: source.optional === true,
      via,
      ...(container === undefined ? {} : { container }),
    },
  ];
}

function containerRefs(c: Container, path: string): ConfigRef[] {
  const fromEnvFrom = (c.envFrom ?? []).flatMap((source, i) => {
    const at = `${path}.envFrom[${i}]`;
    return [
      ...ref('ConfigMap', source.configMapRef, `${at}.configMapRef`, c.name),
      ...ref('Secret', source.secretRef, `${at}.secretRef`, c.name),
    ];
  });
  const fromEnv = (c.env ?? []).flatMap((env) => {
    const at = `${path}.env[${env.name}].valueFrom`;
    return [
      ...ref('ConfigMap', env.valueFrom?.configMapKeyRef, `${at}.configMapKeyRef`, c.name),
      ...ref('Secret', env.valueFrom?.secretKeyRef, `${at}.secretKeyRef`, c.name),
    ];
  });
  return [...fromEnvFrom, ...fromEnv];
}

/** Every ConfigMap and Secret a pod's containers and volumes refer to. */
export function configRefs(pod: Pod): ConfigRef[] {
  const spec = pod.spec;
  const init = (spec?.initContainers ?? []).flatMap((c) =>
    containerRefs(c, `spec.initContainers[${c.name}]`),
  );
  const main = (spec?.containers ?? []).flatMap((c) =>
    containerRefs(c, `spec.containers[${c.name}]`),
  );
  const volumes = (spec?.volumes ?? []).flatMap((v) => {
    const at = `spec.volumes[${v.name}]`;
    const secret =
      v.secret === undefined
        ? undefined
        : { name: v.secret.secretName, optional: v.secret.optional };
    return [
      ...ref('ConfigMap', v.configMap, `${at}.configMap`, undefined),
      ...ref('Secret', secret, `${at}.secret`, undefined),
    ];
  });
  return [...init, ...main, ...volumes];
}
