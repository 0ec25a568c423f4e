/**
 * The client's typed objects (class instances, Date fields) as the plain
 * JSON the API server sent: what the core's schemas parse. managedFields
 * are dropped (noise), and so are nulls.
 */
export function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    v === null || key === 'managedFields' ? undefined : v,
  );
}

interface WithData {
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly creationTimestamp?: Date | string;
  };
  readonly type?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly binaryData?: Readonly<Record<string, unknown>>;
  readonly stringData?: Readonly<Record<string, unknown>>;
}

/**
 * A ConfigMap or Secret reduced to its name and key names. Values never
 * leave this function — nor do annotations, since
 * `kubectl.kubernetes.io/last-applied-configuration` carries them too.
 */
export function toKeysOnly(kind: 'ConfigMap' | 'Secret', object: WithData): unknown {
  const m = object.metadata ?? {};
  const created = m.creationTimestamp;
  const keys = [
    ...Object.keys(object.data ?? {}),
    ...Object.keys(object.binaryData ?? {}),
    ...Object.keys(object.stringData ?? {}),
  ];
  return {
    kind,
    metadata: {
      name: m.name,
      ...(m.namespace === undefined ? {} : { namespace: m.namespace }),
      ...(m.uid === undefined ? {} : { uid: m.uid }),
      ...(m.labels === undefined ? {} : { labels: { ...m.labels } }),
      ...(created === undefined
        ? {}
        : { creationTimestamp: created instanceof Date ? created.toISOString() : created }),
    },
    ...(object.type === undefined ? {} : { type: object.type }),
    keys: [...new Set(keys)].sort(),
  };
}
