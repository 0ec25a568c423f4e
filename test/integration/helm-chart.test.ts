import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { chartDir, chartFiles } from '../../scripts/helm-chart-files.ts';
import { testenvPaths } from '../../scripts/testenv/paths.ts';
import { actionNames } from '../../src/core/investigation/actions.ts';
import { kindNames } from '../../src/core/kube/kinds.ts';
import { remediationClusterRole } from '../../src/core/remediation/rbac-rules.ts';
import { createNamespace, deleteNamespace, eventually, type Kube, kube } from '../support/kube.ts';

/**
 * The Helm chart (deploy/helm/punchingfist): helm built from the Go module
 * proxy (cached), lint, template with the default values and with split roles
 * + remediation + the Prometheus Operator API, and the rendered manifests
 * accepted by a REAL API server (server-side dry run). RBAC: read-only by
 * default; with remediation, exactly `punchingfist rbac`'s rules.
 */
const env = inject('testenv');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const chart = path.join(root, chartDir);
const helmBin = execFileSync(
  'bash',
  ['-c', `source "${root}/scripts/testenv/versions.sh"; printf %s "$PF_HELM_BIN/helm"`],
  { encoding: 'utf8' },
);

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}
interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
interface Container {
  args: string[];
  env: { name: string; value?: string }[];
  ports: { containerPort: number }[];
  livenessProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
}
interface DeploymentSpec {
  replicas: number;
  template: { spec: { serviceAccountName: string; containers: Container[] } };
}

function run(bin: string, args: string[], input?: string) {
  const r = spawnSync(bin, args, { encoding: 'utf8', input, maxBuffer: 32 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function helm(...args: string[]): string {
  const r = run(helmBin, args);
  if (r.code !== 0) throw new Error(`helm ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

const parse = (text: string): Manifest[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);

const release = 'pf';
let ns = 'pf-system';
const template = (...args: string[]): string =>
  helm('template', release, chart, '--namespace', ns, ...args);

const split = [
  ...['--set', 'roles.split=true', '--set', 'roles.ingest.replicas=3'],
  ...['--set', 'remediation.enabled=true', '--set', 'remediation.actions={all}'],
  ...['--set', 'secrets.existingSecret=punchingfist', '--set', 'redis.enabled=false'],
  ...['--set', 'redis.url=redis://redis.example:6379'],
];
/** Split roles + remediation on a cluster with the Prometheus Operator's API. */
const splitWithMonitoring = [...split, '--api-versions', 'monitoring.coreos.com/v1'];

const of = (ms: Manifest[], kind: string) => ms.filter((m) => m.kind === kind);
const spec = <T>(m: Manifest): T => m.spec as T;

/** Every rule granted to the release's ServiceAccount through the chart's bindings. */
function grantedRules(ms: Manifest[]): Rule[] {
  const roles = new Map(
    ms
      .filter((m) => m.kind === 'ClusterRole' || m.kind === 'Role')
      .map((m) => [`${m.kind}/${m.metadata.name}`, m.rules as Rule[]]),
  );
  return ms
    .filter((m) => m.kind === 'ClusterRoleBinding' || m.kind === 'RoleBinding')
    .flatMap((b) => {
      const ref = b.roleRef as { kind: string; name: string };
      return roles.get(`${ref.kind}/${ref.name}`) ?? [];
    });
}

const mutating = ['create', 'update', 'patch', 'delete', 'deletecollection', '*'];
const workloads: Record<string, string[]> = {
  '': ['pods', 'pods/eviction', 'nodes', 'services', 'configmaps', 'secrets', 'namespaces'],
  apps: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'],
  batch: ['jobs', 'cronjobs'],
  autoscaling: ['horizontalpodautoscalers'],
  policy: ['poddisruptionbudgets'],
};

function writes(rules: Rule[]): string[] {
  return rules.flatMap((r) =>
    r.apiGroups.flatMap((g) =>
      r.resources.flatMap((res) =>
        r.verbs.filter((v) => mutating.includes(v)).map((v) => `${v} ${res} (${g || 'core'})`),
      ),
    ),
  );
}

/** Mutating verbs granted on workloads, nodes and their neighbours. */
const workloadWrites = (rules: Rule[]): string[] =>
  Object.entries(workloads).flatMap(([group, resources]) =>
    resources.flatMap((res) =>
      mutating.filter((verb) => allows(rules, group, res, verb)).map((v) => `${v} ${res}`),
    ),
  );

/** (apiGroup, resource) of every kind the investigation tools read (src/core/kube/kinds.ts). */
const kindResources: Record<(typeof kindNames)[number], [string, string]> = {
  Pod: ['', 'pods'],
  Event: ['', 'events'],
  ReplicaSet: ['apps', 'replicasets'],
  Deployment: ['apps', 'deployments'],
  StatefulSet: ['apps', 'statefulsets'],
  DaemonSet: ['apps', 'daemonsets'],
  Job: ['batch', 'jobs'],
  CronJob: ['batch', 'cronjobs'],
  Node: ['', 'nodes'],
  Service: ['', 'services'],
  EndpointSlice: ['discovery.k8s.io', 'endpointslices'],
  HorizontalPodAutoscaler: ['autoscaling', 'horizontalpodautoscalers'],
  PersistentVolumeClaim: ['', 'persistentvolumeclaims'],
  StorageClass: ['storage.k8s.io', 'storageclasses'],
  PodDisruptionBudget: ['policy', 'poddisruptionbudgets'],
  Namespace: ['', 'namespaces'],
  ConfigMap: ['', 'configmaps'],
  Secret: ['', 'secrets'],
};

const allows = (rules: Rule[], group: string, resource: string, verb: string) =>
  rules.some(
    (r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb),
  );

/** Metric names the code exports: its own (string literals in src/) and prom-client's defaults. */
function exportedMetrics(): Set<string> {
  const names = new Set<string>();
  const src = path.join(root, 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  for (const f of files) {
    for (const m of readFileSync(path.join(src, f), 'utf8').matchAll(/'(punchingfist_[a-z_]+)'/g))
      if (m[1] !== undefined) names.add(m[1]);
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const m of registry.getMetricsAsArray()) names.add(m.name);
  names.add('up');
  return names;
}

function usedMetrics(text: string): string[] {
  const found = text.match(/\b(punchingfist|process|nodejs)_[a-z0-9_]+\b|\bup\{/g) ?? [];
  return [...new Set(found.map((n) => n.replace(/\{$/, '').replace(/_(bucket|sum|count)$/, '')))];
}

/** kubectl apply --dry-run=server of the manifests; the monitoring kinds (no CRDs here) left out. */
function dryRunApply(ms: Manifest[]) {
  const docs = ms.filter((m) => m.apiVersion !== 'monitoring.coreos.com/v1');
  const input = docs.map((m) => JSON.stringify(m)).join('\n---\n');
  const kubectl = testenvPaths().bin.kubectl;
  const args = ['--kubeconfig', env.KUBECONFIG, 'apply', '--dry-run=server', '-f', '-'];
  return { docs, result: run(kubectl, args, input) };
}

/** `kubectl auth can-i` as the release's ServiceAccount, on the real API server's RBAC. */
function canI(sa: string, verb: string, resource: string, scope: string[]): boolean {
  const kubectl = testenvPaths().bin.kubectl;
  const as = `--as=system:serviceaccount:${ns}:${sa}`;
  const [type = '', sub] = resource.split('/');
  const subresource = sub === undefined ? [] : [`--subresource=${sub}`];
  const args = ['--kubeconfig', env.KUBECONFIG, 'auth', 'can-i', verb, type, as, ...subresource];
  args.push(...scope);
  return run(kubectl, args).stdout.trim() === 'yes';
}

function kubectlApply(ms: Manifest[], verb: 'apply' | 'delete'): void {
  const kubectl = testenvPaths().bin.kubectl;
  const extra = verb === 'delete' ? ['--ignore-not-found', '--wait=false'] : [];
  const input = ms.map((m) => JSON.stringify(m)).join('\n---\n');
  const r = run(kubectl, ['--kubeconfig', env.KUBECONFIG, verb, ...extra, '-f', '-'], input);
  if (r.code !== 0) throw new Error(`kubectl ${verb} failed:\n${r.stderr}`);
}

const isRbac = (m: Manifest) =>
  m.kind === 'ServiceAccount' || m.apiVersion === 'rbac.authorization.k8s.io/v1';

describe('generated chart files', () => {
  it('crds/ and files/remediation-actions.yaml are current (npm run chart)', () => {
    for (const file of chartFiles(root)) {
      const stale = `${file.path} is stale: npm run chart`;
      expect(readFileSync(path.join(root, file.path), 'utf8'), stale).toBe(file.content);
    }
    const copies = readdirSync(path.join(chart, 'crds')).sort();
    const sources = readdirSync(path.join(root, 'crds'))
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(copies).toEqual(sources);
    for (const f of sources) {
      expect(readFileSync(path.join(chart, 'crds', f), 'utf8'), f).toBe(
        readFileSync(path.join(root, 'crds', f), 'utf8'),
      );
    }
  });
});

describe('helm chart', () => {
  let k: Kube;

  beforeAll(async () => {
    // Built once from the Go module proxy and cached (a few minutes cold).
    execFileSync('bash', [path.join(root, 'scripts/testenv/build-binaries.sh'), 'helm'], {
      stdio: 'inherit',
    });
    k = kube(env.KUBECONFIG);
    ns = await createNamespace(k, 'helm-chart');
  }, 900_000);
  const installed: Manifest[] = [];
  afterAll(async () => {
    if (installed.length > 0) kubectlApply(installed, 'delete');
    if (k) await deleteNamespace(k, ns);
  });

  it('passes helm lint with the default values and with split roles + remediation', () => {
    expect(helm('lint', chart)).toContain('0 chart(s) failed');
    expect(helm('lint', chart, ...split)).toContain('0 chart(s) failed');
  });

  it('default install: one `all` Deployment, bundled Redis, probes, no monitoring kinds', () => {
    const ms = parse(template());
    const deployments = of(ms, 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'pf-punchingfist-all',
      'pf-punchingfist-redis',
    ]);
    const app = spec<DeploymentSpec>(deployments[0] as Manifest);
    const c = app.template.spec.containers[0] as Container;
    expect(c.args).toEqual(['serve', '--role', 'all']);
    expect(c.ports[0]?.containerPort).toBe(8080);
    expect([c.livenessProbe.httpGet.path, c.readinessProbe.httpGet.path]).toEqual([
      '/healthz',
      '/readyz',
    ]);
    expect(c.env.find((e) => e.name === 'REDIS_URL')?.value).toBe(
      'redis://pf-punchingfist-redis:6379',
    );
    expect(app.template.spec.serviceAccountName).toBe('pf-punchingfist');
    expect(of(ms, 'ServiceMonitor')).toEqual([]);
    expect(of(ms, 'PrometheusRule')).toEqual([]);
    expect(of(ms, 'Secret')).toEqual([]);
  });

  it('default install: reads every kind the tools read, and changes no workload or node', () => {
    const rules = grantedRules(parse(template()));
    for (const kind of kindNames) {
      const [group, resource] = kindResources[kind];
      for (const verb of ['get', 'list']) {
        expect(allows(rules, group, resource, verb), `${verb} ${resource}`).toBe(true);
      }
    }
    expect(allows(rules, '', 'pods/log', 'get')).toBe(true);
    expect(allows(rules, '', 'events', 'watch')).toBe(true);
    for (const crd of ['sources', 'workflows', 'sinks', 'workflowruns']) {
      expect(allows(rules, 'punchingfist.io', crd, 'watch'), crd).toBe(true);
      expect(allows(rules, 'punchingfist.io', `${crd}/status`, 'update'), crd).toBe(true);
    }
    expect(writes(rules).sort()).toEqual([
      'create events (core)',
      'create leases (coordination.k8s.io)',
      'create workflowruns (punchingfist.io)',
      'delete workflowruns (punchingfist.io)',
      'update leases (coordination.k8s.io)',
      'update sinks/status (punchingfist.io)',
      'update sources/status (punchingfist.io)',
      'update workflowruns/status (punchingfist.io)',
      'update workflows/status (punchingfist.io)',
    ]);
    expect(workloadWrites(rules)).toEqual([]);
    const leaseRole = parse(template()).find((m) => m.kind === 'Role');
    expect(leaseRole?.metadata.namespace).toBe(ns);
  });

  it('split roles: ingest, worker and controller Deployments; the Service reaches ingest only', () => {
    const ms = parse(template(...splitWithMonitoring));
    const byRole: Record<string, DeploymentSpec> = Object.fromEntries(
      of(ms, 'Deployment').map((d) => [
        d.metadata.labels?.['app.kubernetes.io/component'],
        spec<DeploymentSpec>(d),
      ]),
    );
    expect(Object.keys(byRole).sort()).toEqual(['controller', 'ingest', 'worker']);
    expect(byRole.ingest?.replicas).toBe(3);
    expect(byRole.worker?.template.spec.containers[0]?.args).toEqual(['serve', '--role', 'worker']);
    const workerEnv = byRole.worker?.template.spec.containers[0]?.env ?? [];
    expect(workerEnv.find((e) => e.name === 'REDIS_URL')?.value).toBe('redis://redis.example:6379');
    expect(workerEnv.map((e) => e.name)).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'ANTHROPIC_API_KEY']),
    );
    const service = ms.find((m) => m.kind === 'Service' && m.metadata.name === 'pf-punchingfist');
    expect(spec<{ selector: Record<string, string> }>(service as Manifest).selector).toMatchObject({
      'app.kubernetes.io/component': 'ingest',
    });
    expect(of(ms, 'ServiceMonitor')).toHaveLength(1);
    expect(of(ms, 'PrometheusRule')).toHaveLength(1);
  });

  it('remediation enabled: exactly the rules `punchingfist rbac --actions` prints', () => {
    const sets: string[][] = [
      [...actionNames],
      ...actionNames.map((a) => [a]),
      ['scale', 'rollback'],
    ];
    for (const actions of sets) {
      const set = [
        '--set',
        'remediation.enabled=true',
        '--set',
        `remediation.actions={${actions}}`,
      ];
      const ms = parse(template(...set, '--show-only', 'templates/remediation-rbac.yaml'));
      const expected = remediationClusterRole('x', actions as typeof actionNames);
      const role = of(ms, 'ClusterRole')[0];
      expect(role?.rules, actions.join(',')).toEqual(expected?.rules);
      expect(role?.metadata).toMatchObject({ annotations: expected?.metadata.annotations });
    }
    const all = parse(template(...splitWithMonitoring));
    const remediation = grantedRules(all).filter((r) =>
      writes([r]).some((w) => !/events|leases|punchingfist\.io/.test(w)),
    );
    expect(remediation).toEqual(remediationClusterRole('x', actionNames)?.rules);
    const bad = run(helmBin, ['template', release, chart, '--set', 'remediation.enabled=true']);
    expect(bad.stderr).toContain('remediation.enabled needs remediation.actions');
    const unknown = run(helmBin, [
      'template',
      release,
      chart,
      ...['--set', 'remediation.enabled=true', '--set', 'remediation.actions={reboot}'],
    ]);
    expect(unknown.stderr).toContain('unknown action "reboot"');
  });

  it('the dashboard and the alert rules use only metrics the code exports', () => {
    const ms = parse(template(...splitWithMonitoring));
    const dashboard = of(ms, 'ConfigMap').find((m) => m.metadata.name.endsWith('-dashboard'));
    const data = (dashboard?.data ?? {}) as Record<string, string>;
    const json = data['punchingfist.json'] ?? '';
    const parsed = JSON.parse(json) as { panels: { targets?: { expr: string }[] }[] };
    const exprs = parsed.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(10);
    const rules = JSON.stringify(of(ms, 'PrometheusRule')[0]?.spec);
    const exported = exportedMetrics();
    const used = usedMetrics(`${exprs.join('\n')}\n${rules}`);
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((m) => !exported.has(m))).toEqual([]);
  });

  it('the API server accepts every rendered object (server-side dry run): default, split, extras', () => {
    const extras = [
      ...['--set', 'secrets.values.SLACK_BOT_TOKEN=xoxb-try', '--set', 'ingress.enabled=true'],
      ...['--set', 'redis.persistence.enabled=true', '--set', 'cliSteps.enabled=true'],
    ];
    for (const args of [['--include-crds'], splitWithMonitoring, extras]) {
      const { docs, result } = dryRunApply(parse(template(...args)));
      // The harness created the CRDs without kubectl's last-applied annotation; apply says so.
      const stderr = result.stderr
        .split('\n')
        .filter(
          (l) =>
            l !== '' && !/^Warning: resource customresourcedefinitions\/.*last-applied/.test(l),
        );
      expect(stderr).toEqual([]);
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(docs.length);
      for (const line of lines) expect(line).toMatch(/\(server dry run\)$/);
    }
  });

  it('installed for real, the ServiceAccount reads the cluster and changes nothing but its own; remediation adds exactly its actions', async () => {
    // A release named after the namespace, so its cluster-scoped roles are this run's own.
    const mine = (...args: string[]) =>
      parse(helm('template', ns, chart, '--namespace', ns, ...args)).filter(isRbac);
    const base = mine();
    installed.push(...base);
    kubectlApply(base, 'apply');
    const sa = `${ns}-punchingfist`;
    const all = ['-A'];
    await eventually('the read-only role to apply', async () =>
      canI(sa, 'list', 'pods', all) ? true : undefined,
    );
    for (const [verb, res] of [
      ['get', 'pods/log'],
      ['watch', 'events'],
      ['list', 'deployments.apps'],
      ['get', 'nodes'],
      ['create', 'events'],
      ['update', 'workflowruns.punchingfist.io/status'],
    ] as const) {
      expect(canI(sa, verb, res, all), `${verb} ${res}`).toBe(true);
    }
    expect(canI(sa, 'update', 'leases.coordination.k8s.io', ['-n', ns])).toBe(true);
    expect(canI(sa, 'update', 'leases.coordination.k8s.io', ['-n', 'default'])).toBe(false);
    const writes = [
      ['patch', 'deployments.apps'],
      ['delete', 'pods'],
      ['patch', 'nodes'],
      ['create', 'pods/eviction'],
      ['create', 'jobs.batch'],
    ] as const;
    for (const [verb, res] of writes)
      expect(canI(sa, verb, res, all), `${verb} ${res}`).toBe(false);

    const withRemediation = mine(
      ...['--set', 'remediation.enabled=true', '--set', 'remediation.actions={scale,rollback}'],
    );
    installed.push(...withRemediation);
    kubectlApply(withRemediation, 'apply');
    await eventually('the remediation role to apply', async () =>
      canI(sa, 'patch', 'deployments.apps', all) ? true : undefined,
    );
    expect(canI(sa, 'patch', 'statefulsets.apps', all)).toBe(true);
    for (const [verb, res] of writes.slice(1))
      expect(canI(sa, verb, res, all), `${verb} ${res}`).toBe(false);
  });
});
