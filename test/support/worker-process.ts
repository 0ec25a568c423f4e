import { createRegistry } from '../../src/core/config-registry.ts';
import { kube } from './kube.ts';
import { loadWorkflows, workerFor } from './worker.ts';

/**
 * A worker in a process of its own, for crash tests (the test SIGKILLs it).
 * argv[2]: JSON {kubeconfig, redisUrl, prefix, namespace, slowMs, lockDurationMs}.
 * Logs (pino JSON) go to stdout; "worker ready" once it takes jobs.
 */
const config = JSON.parse(process.argv[2] ?? '{}') as {
  kubeconfig: string;
  redisUrl: string;
  prefix: string;
  namespace: string;
  slowMs: number;
  lockDurationMs: number;
};
const k = kube(config.kubeconfig);
const registry = createRegistry();
await loadWorkflows(k, config.namespace, registry);
workerFor(k, registry, {
  redisUrl: config.redisUrl,
  prefix: config.prefix,
  slowMs: config.slowMs,
  logLevel: 'info',
  options: { lockDurationMs: config.lockDurationMs, stalledIntervalMs: 1_000 },
});
console.log(JSON.stringify({ msg: 'worker ready' }));
