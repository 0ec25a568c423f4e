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

function containerRefs(c: Container, path: string): ConfigRef[] {
  const base = { container: c.name };
  const fromEnvFrom = (c.envFrom ?? []).flatMap((source, i): ConfigRef[] => {
    const at = `${path}.envFrom[${i}]`;
    const cm = source.configMapRef;
    const secret = source.secretRef;
    return [
      ...(cm?.name === undefined
        ? []
        : [
            {
              ...base,
              kind: 'ConfigMap' as const,
              name: cm.name,
              optional: cm.optional === true,
              via: `${at}.configMapRef`,
            },
          ]),
      ...(secret?.name === undefined
        ? []
        : [
            {
              ...base,
              kind: 'Secret' as const,
              name: secret.name,
              optional: secret.optional === true,
              via: `${at}.secretRef`,
            },
          ]),
    ];
  });
  const fromEnv = (c.env ?? []).flatMap((env): ConfigRef[] => {
    const at = `${path}.env[${env.name}].valueFrom`;
    const cm = env.valueFrom?.configMapKeyRef;
    const secret = env.valueFrom?.secretKeyRef;
    return [
      ...(cm?.name === undefined
        ? []
        : [
            {
              ...base,
              kind: 'ConfigMap' as const,
              name: cm.name,
              key: cm.key,
              optional: cm.optional === true,
              via: `${at}.configMapKeyRef`,
            },
          ]),
      ...(secret?.name === undefined
        ? []
        : [
            {
              ...base,
              kind: 'Secret' as const,
              name: secret.name,
              key: secret.key,
              optional: secret.optional === true,
              via: `${at}.secretKeyRef`,
            },
          ]),
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
  const volumes = (spec?.volumes ?? []).flatMap((v): ConfigRef[] => {
    const at = `spec.volumes[${v.name}]`;
    const cm = v.configMap;
    const secret = v.secret;
    return [
      ...(cm?.name === undefined
        ? []
        : [
            {
              kind: 'ConfigMap' as const,
              name: cm.name,
              optional: cm.optional === true,
              via: `${at}.configMap`,
            },
          ]),
      ...(secret?.secretName === undefined
        ? []
        : [
            {
              kind: 'Secret' as const,
              name: secret.secretName,
              optional: secret.optional === true,
              via: `${at}.secret`,
            },
          ]),
    ];
  });
  return [...init, ...main, ...volumes];
}
