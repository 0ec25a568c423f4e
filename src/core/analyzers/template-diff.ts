import type { Container, EnvVar, PodTemplate } from '../kube/pod.ts';

/**
 * What a rollout changed: the difference between two pod templates (the
 * previous revision's and the current one's), as lines a person reads.
 * Substantive changes (image, command, args, env, resources, probes,
 * scheduling, volumes) come before label and annotation changes.
 */
export interface TemplateChange {
  readonly path: string;
  readonly text: string;
  readonly substantive: boolean;
}

type Values = ReadonlyMap<string, string>;

const ignoredMeta = new Set(['pod-template-hash', 'kubectl.kubernetes.io/restartedAt']);

function show(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}

function compareMaps(
  before: Values,
  after: Values,
  path: string,
  label: (key: string) => string,
  substantive = true,
): TemplateChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return keys.flatMap((key) => {
    const a = before.get(key);
    const b = after.get(key);
    if (a === b) return [];
    const what = label(key);
    const text =
      a === undefined
        ? `${what} added: ${b ?? ''}`
        : b === undefined
          ? `${what} removed (was ${a})`
          : `${what}: ${a} → ${b}`;
    return [{ path: `${path}[${key}]`, text, substantive }];
  });
}

function envValue(env: EnvVar): string {
  if (env.value !== undefined) return JSON.stringify(env.value);
  const cm = env.valueFrom?.configMapKeyRef;
  const secret = env.valueFrom?.secretKeyRef;
  if (cm !== undefined) return `ConfigMap ${cm.name ?? ''} key ${cm.key}`;
  if (secret !== undefined) return `Secret ${secret.name ?? ''} key ${secret.key}`;
  return show(env.valueFrom);
}

function resourceMap(c: Container | undefined): Values {
  const entries = (['limits', 'requests'] as const).flatMap((kind) =>
    Object.entries(c?.resources?.[kind] ?? {}).map(
      ([name, value]) => [`${name} ${kind === 'limits' ? 'limit' : 'request'}`, value] as const,
    ),
  );
  return new Map(entries);
}

function fieldMap(c: Container | undefined): Values {
  const fields = [
    'image',
    'command',
    'args',
    'envFrom',
    'readinessProbe',
    'livenessProbe',
    'startupProbe',
  ] as const;
  return new Map(
    fields.flatMap((f) => {
      const value = c?.[f];
      return value === undefined ? [] : [[f, f === 'image' ? String(value) : show(value)] as const];
    }),
  );
}

function containerDiff(a: Container, b: Container, path: string): TemplateChange[] {
  const name = `container "${b.name}"`;
  const env = (c: Container): Values => new Map((c.env ?? []).map((e) => [e.name, envValue(e)]));
  return [
    ...compareMaps(fieldMap(a), fieldMap(b), path, (field) => `${field} of ${name}`),
    ...compareMaps(env(a), env(b), `${path}.env`, (key) => `env ${key} of ${name}`),
    ...compareMaps(
      resourceMap(a),
      resourceMap(b),
      `${path}.resources`,
      (key) => `${key} of ${name}`,
    ),
  ];
}

function containersDiff(
  before: readonly Container[],
  after: readonly Container[],
  path: string,
): TemplateChange[] {
  const old = new Map(before.map((c) => [c.name, c]));
  const current = new Map(after.map((c) => [c.name, c]));
  const added = after
    .filter((c) => !old.has(c.name))
    .map((c) => ({
      path: `${path}[${c.name}]`,
      text: `container "${c.name}" added (${c.image ?? ''})`,
      substantive: true,
    }));
  const removed = before
    .filter((c) => !current.has(c.name))
    .map((c) => ({
      path: `${path}[${c.name}]`,
      text: `container "${c.name}" removed`,
      substantive: true,
    }));
  const changed = after.flatMap((c) => {
    const previous = old.get(c.name);
    return previous === undefined ? [] : containerDiff(previous, c, `${path}[${c.name}]`);
  });
  return [...changed, ...added, ...removed];
}

function specMap(t: PodTemplate | undefined): Values {
  const spec = t?.spec;
  const volumes = Object.fromEntries((spec?.volumes ?? []).map((v) => [v.name, v]));
  const fields: Record<string, unknown> = {
    nodeSelector: spec?.nodeSelector,
    tolerations: spec?.tolerations,
    affinity: spec?.affinity,
    volumes: spec?.volumes === undefined ? undefined : volumes,
    serviceAccountName: spec?.serviceAccountName,
  };
  return new Map(
    Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : [[k, show(v)] as const])),
  );
}

function metaMap(labels: Readonly<Record<string, string>> | undefined): Values {
  return new Map(
    Object.entries(labels ?? {})
      .filter(([k]) => !ignoredMeta.has(k))
      .map(([k, v]) => [k, JSON.stringify(v)]),
  );
}

export function templateDiff(
  before: PodTemplate | undefined,
  after: PodTemplate | undefined,
): TemplateChange[] {
  const changes = [
    ...containersDiff(
      before?.spec?.initContainers ?? [],
      after?.spec?.initContainers ?? [],
      'spec.initContainers',
    ),
    ...containersDiff(
      before?.spec?.containers ?? [],
      after?.spec?.containers ?? [],
      'spec.containers',
    ),
    ...compareMaps(specMap(before), specMap(after), 'spec', (key) => key),
    ...compareMaps(
      metaMap(before?.metadata?.labels),
      metaMap(after?.metadata?.labels),
      'metadata.labels',
      (k) => `label ${k}`,
      false,
    ),
    ...compareMaps(
      metaMap(before?.metadata?.annotations),
      metaMap(after?.metadata?.annotations),
      'metadata.annotations',
      (k) => `annotation ${k}`,
      false,
    ),
  ];
  return [...changes.filter((c) => c.substantive), ...changes.filter((c) => !c.substantive)];
}
