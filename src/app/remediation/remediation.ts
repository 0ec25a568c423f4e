import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  type ActionWorker,
  type ActionWorkerOptions,
  startActionWorker,
} from '../../adapters/redis/action-worker.ts';
import { createBullmqActionQueue } from '../../adapters/redis/bullmq-action-queue.ts';
import { createBullmqRunResumer } from '../../adapters/redis/bullmq-run-resumer.ts';
import { createRedisProposalStore } from '../../adapters/redis/proposal-store.ts';
import type { Clock, ClusterPort } from '../../core/ports.ts';
import type { ActionExecutor } from '../../core/remediation/action-executor.ts';
import { createApprovalGate } from '../../core/remediation/approval-gate.ts';
import type { Approvers } from '../../core/remediation/decide.ts';
import type { EventRecorder } from '../../core/remediation/lifecycle-ports.ts';
import { defaultRemediationPolicy } from '../../core/remediation/policy-defaults.ts';
import type { ApprovalGate } from '../../core/remediation/proposal.ts';
import { propose } from '../../core/remediation/propose.ts';
import { resumeOrCloseStranded } from '../../core/remediation/stranded-run.ts';
import { noRunEvents, type RunEventSink } from '../../core/run-events.ts';
import type { RunStore } from '../../core/run-store.ts';
import type { ExpressionEvaluator } from '../../core/workflow/expression-evaluator.ts';
import type { Proposer } from '../../wiring/step-executors.ts';
import { createRemediationAudit } from './remediation-audit.ts';

/**
 * The remediation lifecycle wired over Redis, BullMQ and the cluster: the
 * gate (for the Slack bot and the CLI), the proposer (for remediate steps)
 * and, on worker replicas, the action worker with its sweep.
 */
export interface RemediationDeps {
  /** ioredis for BullMQ (maxRetriesPerRequest: null). */
  readonly connection: Redis;
  readonly prefix: string;
  readonly runs: RunStore;
  readonly recorder: EventRecorder;
  readonly executor: ActionExecutor;
  readonly cluster: Pick<ClusterPort, 'get' | 'list'>;
  readonly evaluator: ExpressionEvaluator;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The operator's namespace, protected by the default policy. */
  readonly operatorNamespace: string;
  /** Who may approve when a Workflow names nobody (empty: anyone in the workspace). */
  readonly defaultApprovers: Approvers;
  readonly events?: RunEventSink;
  /** Start the action worker (worker roles). */
  readonly worker?: boolean;
  readonly options?: ActionWorkerOptions;
}

export interface Remediation {
  readonly gate: ApprovalGate;
  readonly proposer: Proposer;
  readonly worker: ActionWorker | undefined;
  close(): Promise<void>;
}

/** `U1,S2` → users and user groups (Slack ids: S… are groups). */
export function parseApprovers(text: string | undefined): Approvers {
  const ids = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    users: ids.filter((id) => !id.startsWith('S')),
    userGroups: ids.filter((id) => id.startsWith('S')),
  };
}

export function createRemediation(deps: RemediationDeps): Remediation {
  const store = createRedisProposalStore(deps.connection, deps.prefix);
  const queue = createBullmqActionQueue(deps.connection, deps.prefix);
  const queued = createBullmqRunResumer(deps.connection, deps.prefix);
  const resumer = resumeOrCloseStranded(queued, deps.runs, deps.clock, (proposal, changed) =>
    deps.logger.warn(
      { proposalId: proposal.id, run: proposal.run.name, closed: changed },
      'remediation: the run cannot resume (its job data is gone); closed it from the proposal',
    ),
  );
  const announceDeps = {
    audit: createRemediationAudit(deps.runs, deps.recorder),
    events: deps.events ?? noRunEvents,
    resumer,
    clock: deps.clock,
    onError: (err: unknown, what: string) =>
      deps.logger.warn({ err }, `remediation: ${what} failed`),
  };
  const gate = createApprovalGate({
    ...announceDeps,
    store,
    queue,
    executor: deps.executor,
    defaultApprovers: deps.defaultApprovers,
  });
  const proposeDeps = {
    ...announceDeps,
    store,
    executor: deps.executor,
    cluster: deps.cluster,
    evaluator: deps.evaluator,
    defaultPolicy: defaultRemediationPolicy(deps.operatorNamespace),
    gate,
  };
  const worker = deps.worker
    ? startActionWorker({
        ...announceDeps,
        connection: deps.connection,
        prefix: deps.prefix,
        store,
        queue,
        executor: deps.executor,
        logger: deps.logger,
        ...(deps.options === undefined ? {} : { options: deps.options }),
      })
    : undefined;
  return {
    gate,
    proposer: { propose: (request) => propose(proposeDeps, request) },
    worker,
    async close() {
      await worker?.close();
      await queue.close();
      await queued.close();
      await store.close();
    },
  };
}
