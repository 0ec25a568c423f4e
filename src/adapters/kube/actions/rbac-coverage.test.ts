import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import { type ActionName, actionNames } from '../../../core/investigation/actions.ts';
import { actionCatalogue } from '../../../core/remediation/catalogue.ts';
import { createKubeActionExecutor } from './kube-action-executor.ts';
import {
  type ApiKind,
  type ObjectRef,
  type PlainObject,
  type RemediationApi,
  recordingApi,
} from './remediation-api.ts';

/**
 * The catalogue's RBAC for each action is exactly what the executor calls:
 * every action runs (dry run, execute, verify, repeat) against every kind it
 * accepts, with its undo, over an in-memory fake of the RemediationApi
 * port, and the permissions of the calls it made must equal the catalogue's
 * list; an action the catalogue says has an inverse returns one on every kind. (The
 * integration tests hold the same lists against the real API server's RBAC.)
 */
type Store = Map<string, PlainObject>;
const key = (kind: string, ns: string, name: string) => `${kind}/${ns}/${name}`;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (k === 'containers' && Array.isArray(v) && Array.isArray(target[k])) {
      for (const c of v as Record<string, unknown>[]) {
        const same = (target[k] as Record<string, unknown>[]).find((t) => t.name === c.name);
        if (same === undefined) (target[k] as unknown[]).push(c);
        else mergeInto(same, c);
      }
    } else if (isRecord(v)) {
      const inner = isRecord(target[k]) ? target[k] : {};
      mergeInto(inner, v);
      target[k] = inner;
    } else target[k] = v;
  }
}

function pointerSet(object: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path
    .slice(1)
    .split('/')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = parts.pop() ?? '';
  let at: Record<string, unknown> = object;
  for (const p of parts) at = at[p] as Record<string, unknown>;
  at[last] = value;
}

function applyPatch(object: PlainObject, body: unknown): PlainObject {
  const next = structuredClone(object);
  const meta = next.metadata as Record<string, unknown>;
  if (Array.isArray(body)) {
    for (const op of body as { op: string; path: string; value: unknown }[]) {
      if (
        op.op === 'test' &&
        op.path === '/metadata/resourceVersion' &&
        meta.resourceVersion !== op.value
      ) {
        throw new AppError('input_invalid', 'test operation failed');
      }
      if (op.op !== 'test') pointerSet(next, op.path, op.value);
    }
    return next;
  }
  const wanted = (body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
  if (wanted !== undefined && wanted !== meta.resourceVersion)
    throw new AppError('conflict', 'changed');
  mergeInto(next, body as Record<string, unknown>);
  return next;
}

function fakeApi(store: Store): RemediationApi {
  let version = 100;
  const get = (ref: ObjectRef) => {
    const found = store.get(key(ref.kind, ref.namespace, ref.name));
    if (found === undefined) throw new AppError('not_found', `${ref.kind} ${ref.name} not found`);
    return found;
  };
  const put = (ref: ObjectRef, object: PlainObject) => {
    version += 1;
    (object.metadata as Record<string, unknown>).resourceVersion = String(version);
    store.set(key(ref.kind, ref.namespace, ref.name), object);
  };
  return {
    read: async (ref) => structuredClone(get(ref)),
    list: async (kind: ApiKind, ns, selectors) => {
      const node = selectors.fieldSelector?.replace('spec.nodeName=', '');
      return [...store.entries()]
        .filter(([k]) => k.startsWith(`${kind}/${ns === '' ? '' : `${ns}/`}`))
        .map(([, v]) => structuredClone(v))
        .filter((o) => node === undefined || (o.spec as { nodeName?: string }).nodeName === node);
    },
    patch: async (ref, body, _type, dryRun) => {
      const next = applyPatch(get(ref), body);
      if (!dryRun) put(ref, next);
      return structuredClone(next);
    },
    create: async (kind, ns, body, dryRun) => {
      const name = (body.metadata as { name: string }).name;
      if (store.has(key(kind, ns, name))) throw new AppError('conflict', 'exists');
      const object = structuredClone(body);
      (object.metadata as Record<string, unknown>).uid = `uid-${name}`;
      if (!dryRun) put({ kind, namespace: ns, name }, object);
      return object;
    },
    remove: async (ref, dryRun, uid) => {
      const found = get(ref);
      if (uid !== undefined && (found.metadata as { uid?: string }).uid !== uid) {
        throw new AppError('conflict', 'uid precondition');
      }
      if (!dryRun) store.delete(key(ref.kind, ref.namespace, ref.name));
    },
    evict: async (pod, dryRun) => {
      get(pod);
      if (!dryRun) store.delete(key('Pod', pod.namespace, pod.name));
    },
  };
}

const ready = {
  observedGeneration: 1,
  replicas: 2,
  updatedReplicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
};
const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', resources: { limits: { memory: '128Mi' } } }] },
};
const owner = (kind: string, name: string, uid = `uid-${name}`) => ({
  ownerReferences: [{ kind, name, uid, controller: true }],
});

function seed(cordoned: boolean): Store {
  const store: Store = new Map();
  const add = (kind: string, ns: string, object: PlainObject) => {
    const meta = object.metadata as Record<string, unknown>;
    meta.namespace = ns;
    meta.uid ??= `uid-${String(meta.name)}`;
    meta.generation = 1;
    meta.resourceVersion = '1';
    store.set(key(kind, ns, String(meta.name)), object);
  };
  const workload = { spec: { replicas: 2, template }, status: ready };
  add('Deployment', 'shop', {
    metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '2' } },
    ...structuredClone(workload),
  });
  for (const revision of ['1', '2']) {
    add('ReplicaSet', 'shop', {
      metadata: {
        name: `web-${revision}`,
        annotations: { 'deployment.kubernetes.io/revision': revision },
        ...owner('Deployment', 'web'),
      },
      ...structuredClone(workload),
    });
  }
  add('StatefulSet', 'shop', { metadata: { name: 'db' }, ...structuredClone(workload) });
  add('DaemonSet', 'shop', {
    metadata: { name: 'agent' },
    spec: { template },
    status: {
      observedGeneration: 1,
      desiredNumberScheduled: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
    },
  });
  add('Pod', 'shop', {
    metadata: { name: 'web-2-abcde', ...owner('ReplicaSet', 'web-2') },
    spec: { nodeName: 'n1' },
  });
  add('Pod', 'shop', {
    metadata: { name: 'db-0', ...owner('StatefulSet', 'db') },
    spec: { nodeName: 'n2' },
  });
  add('Pod', 'shop', {
    metadata: { name: 'agent-xyz12', ...owner('DaemonSet', 'agent') },
    spec: { nodeName: 'n1' },
  });
  add('Node', '', { metadata: { name: 'n1' }, spec: cordoned ? { unschedulable: true } : {} });
  add('HorizontalPodAutoscaler', 'shop', {
    metadata: { name: 'front' },
    spec: { minReplicas: 1, maxReplicas: 3 },
  });
  for (const name of ['nightly', 'cleanup']) {
    add('Job', 'shop', {
      metadata: { name },
      spec: { template: { metadata: { labels: { 'job-name': name } } } },
    });
  }
  return store;
}

const requests: Readonly<Record<ActionName, readonly [string, Record<string, unknown>][]>> = {
  restart_pod: [
    ['Pod/shop/web-2-abcde', {}],
    ['Pod/shop/db-0', {}],
    ['Pod/shop/agent-xyz12', {}],
  ],
  rollout_restart: [
    ['Deployment/shop/web', {}],
    ['StatefulSet/shop/db', {}],
    ['DaemonSet/shop/agent', {}],
  ],
  scale: [
    ['Deployment/shop/web', { replicas: 3 }],
    ['StatefulSet/shop/db', { replicas: 3 }],
  ],
  rollback: [['Deployment/shop/web', {}]],
  cordon_node: [['Node/n1', {}]],
  uncordon_node: [['Node/n1', {}]],
  drain_node: [['Node/n1', {}]],
  update_hpa: [['HorizontalPodAutoscaler/shop/front', { maxReplicas: 6 }]],
  set_resources: ['Deployment/shop/web', 'StatefulSet/shop/db', 'DaemonSet/shop/agent'].map(
    (t) =>
      [t, { container: 'app', limits: { memory: '256Mi' } }] as [string, Record<string, unknown>],
  ),
  delete_job: [['Job/shop/cleanup', {}]],
  rerun_job: [['Job/shop/nightly', {}]],
};

describe('the catalogue RBAC of each action', () => {
  it.each(actionNames)(
    '%s: exactly the permissions of the calls the executor makes',
    async (action) => {
      const seen = new Set<string>();
      const api = recordingApi(fakeApi(seed(action === 'uncordon_node')), seen);
      const executor = createKubeActionExecutor({
        api,
        clock: { now: () => new Date('2026-11-22T08:00:00Z') },
        pollIntervalMs: 5,
      });
      for (const [i, [target, params]] of requests[action].entries()) {
        const req = { id: `${action}-${i}`, action, target, params };
        expect(await executor.dryRun(req)).toMatchObject({ ok: true });
        const done = await executor.execute(req);
        expect(done).toMatchObject({ ok: true, alreadyApplied: false });
        await executor.verify(req, 20);
        expect(await executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
        // The undo runs under the same role: its calls count too.
        const undo = done.ok ? done.undo : undefined;
        expect(undo !== undefined).toBe(actionCatalogue[action].hasInverse);
        if (undo !== undefined) {
          expect(await executor.execute(undo)).toMatchObject({ ok: true });
        }
      }
      expect([...seen].sort()).toEqual([...actionCatalogue[action].rbac].sort());
    },
  );
});
