import type * as k8s from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { formatProblems } from '../adapters/config-dir/config-dir.ts';
import { loadLocalRegistry } from '../adapters/config-dir/local-registry.ts';
import { createKubeRunStore } from '../adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../adapters/kube/status-writer.ts';
import { createRedisRunStore } from '../adapters/redis/redis-run-store.ts';
import { createLeaderElector } from '../controllers/leader-election.ts';
import { createResourceController } from '../controllers/resource-controller.ts';
import { createRunCleaner } from '../controllers/run-cleaner.ts';
import { createRegistry, type Registry } from '../core/config-registry.ts';
import { AppError } from '../core/errors.ts';
import type { Clock } from '../core/ports.ts';
import type { ExpressionCheck } from '../core/readiness.ts';
import type { RunStore } from '../core/run-store.ts';

/**
 * The configuration side of a replica: where Sources/Workflows/Sinks come
 * from (the API server, kept current by the controller, or a --config
 * directory), where WorkflowRuns are recorded, and the singleton TTL
 * cleanup behind a Lease.
 */
export interface ConfigPlaneDeps {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly redis: Redis;
  readonly redisPrefix: string;
  readonly kube: {
    readonly kc: k8s.KubeConfig;
    readonly custom: k8s.CustomObjectsApi;
    readonly coordination: k8s.CoordinationV1Api;
  };
  readonly configDir?: string;
  /** Whether this replica runs the controller (watches CRs, writes status, cleans up). */
  readonly controller: boolean;
  readonly leaseNamespace: string;
  /** CEL syntax check for Workflows' expressions (the controller reports bad ones). */
  readonly checkExpression?: ExpressionCheck;
  readonly identity: string;
  /** More singleton duties run by the Lease holder (e.g. the kubernetes Sources' event watch). */
  readonly duties?: (registry: Registry) => readonly SingletonDuty[];
}

export interface SingletonDuty {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConfigPlane {
  readonly registry: Registry;
  readonly runs: RunStore;
  readonly mode: 'cluster' | 'local';
  stop(): Promise<void>;
}

export async function startConfigPlane(deps: ConfigPlaneDeps): Promise<ConfigPlane> {
  if (deps.configDir !== undefined) {
    const loaded = loadLocalRegistry(deps.configDir);
    if (!loaded.ok) {
      throw new AppError(
        'config_invalid',
        `invalid --config ${deps.configDir}:\n${formatProblems(loaded.problems)}`,
      );
    }
    deps.logger.info(
      { dir: deps.configDir, documents: loaded.count },
      'local mode: configuration loaded',
    );
    const runs = createRedisRunStore(deps.redis, deps.redisPrefix, deps.clock);
    return { registry: loaded.registry, runs, mode: 'local', stop: async () => runs.close?.() };
  }

  const registry = createRegistry();
  const status = createStatusWriter(deps.kube.custom);
  const runs = createKubeRunStore(deps.kube.custom, status, deps.clock);
  if (!deps.controller) return { registry, runs, mode: 'cluster', stop: async () => undefined };

  const controller = createResourceController({
    ...deps.kube,
    status,
    registry,
    logger: deps.logger,
    clock: deps.clock,
    ...(deps.checkExpression === undefined ? {} : { checkExpression: deps.checkExpression }),
  });
  const cleaner = createRunCleaner({ runs, registry, clock: deps.clock, logger: deps.logger });
  const duties = deps.duties?.(registry) ?? [];
  const elector = createLeaderElector({
    coordination: deps.kube.coordination,
    namespace: deps.leaseNamespace,
    name: 'punchingfist-controller',
    identity: deps.identity,
    clock: deps.clock,
    logger: deps.logger,
    onStartedLeading: () => {
      cleaner.start();
      for (const duty of duties)
        duty
          .start()
          .catch((err: unknown) =>
            deps.logger.warn({ err, duty: duty.name }, 'duty failed to start'),
          );
    },
    onStoppedLeading: () => {
      cleaner.stop();
      for (const duty of duties)
        duty
          .stop()
          .catch((err: unknown) =>
            deps.logger.warn({ err, duty: duty.name }, 'duty failed to stop'),
          );
    },
  });
  await controller.start();
  elector.start();
  return {
    registry,
    runs,
    mode: 'cluster',
    async stop() {
      cleaner.stop();
      await elector.stop();
      await controller.stop();
    },
  };
}
