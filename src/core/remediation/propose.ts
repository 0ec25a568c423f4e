import type { ActionName } from '../investigation/actions.ts';
import type { Clock, ClusterPort } from '../ports.ts';
import type { ApprovalPolicy } from '../resources/approval-policy.ts';
import { parseDuration } from '../resources/duration.ts';
import type { RemediationPolicySpec } from '../resources/remediation-policy.ts';
import type { ExpressionEvaluator } from '../workflow/expression-evaluator.ts';
import type { ActionExecutor } from './action-executor.ts';
import { type AnnounceDeps, announce } from './announce.ts';
import { actionCatalogue, parseActionTarget } from './catalogue.ts';
import { approversFor, autoActor } from './decide.ts';
import type { ProposalStore } from './lifecycle-ports.ts';
import { evaluatePolicy, type PolicyFacts } from './policy.ts';
import { mergePolicy, type RemediationPolicy } from './policy-defaults.ts';
import type { ApprovalGate, ProposalRecord } from './proposal.ts';

/**
 * A remediate step's proposal, from request to record: the facts the
 * policy needs (current replicas, unschedulable nodes, in-flight and
 * cooldown marks), the policy's verdict, the server-side dry run, the
 * stored record (idempotent per id: a retried step finds it), its
 * announcement, and auto-approval when the policy needs no person.
 */
export interface ProposeRequest {
  readonly id: string;
  readonly run: ProposalRecord['run'];
  readonly action: ActionName;
  readonly target: string;
  readonly params: Record<string, unknown>;
  readonly rationale?: string;
  readonly confidence?: number;
  readonly environment?: string;
  readonly approval: ApprovalPolicy;
  readonly policy?: RemediationPolicySpec;
}

export interface ProposeDeps extends AnnounceDeps {
  readonly store: ProposalStore;
  readonly executor: Pick<ActionExecutor, 'dryRun'>;
  readonly cluster: Pick<ClusterPort, 'get' | 'list'>;
  readonly evaluator: ExpressionEvaluator;
  readonly clock: Clock;
  /** The cluster default policy (built-in, with the operator's namespace protected). */
  readonly defaultPolicy: RemediationPolicy;
  /** The gate, for auto-approval (`policy:auto`). */
  readonly gate: Pick<ApprovalGate, 'decide'>;
}

async function replicasOf(cluster: ProposeDeps['cluster'], target: string) {
  const [kind, namespace, name] = target.split('/');
  if (name === undefined || namespace === undefined) return undefined;
  if (kind === 'Deployment')
    return (await cluster.get('Deployment', name, namespace))?.spec?.replicas;
  if (kind === 'StatefulSet') {
    return (await cluster.get('StatefulSet', name, namespace))?.spec?.replicas;
  }
  return undefined;
}

async function nodeFacts(cluster: ProposeDeps['cluster'], target: string): Promise<PolicyFacts> {
  const nodes = await cluster.list('Node');
  const name = target.split('/')[1];
  const out = nodes.items.filter((n) => n.spec?.unschedulable === true);
  return {
    unschedulableNodes: out.length,
    targetUnschedulable: out.some((n) => n.metadata.name === name),
  };
}

export async function gatherFacts(
  deps: Pick<ProposeDeps, 'cluster' | 'store'>,
  action: ActionName,
  target: string,
): Promise<PolicyFacts> {
  const [inFlight, lastRunAt] = await Promise.all([
    deps.store.holderOf(target),
    deps.store.lastRan(action, target),
  ]);
  const nodes =
    action === 'cordon_node' || action === 'drain_node'
      ? await nodeFacts(deps.cluster, target)
      : {};
  const replicas = action === 'scale' ? await replicasOf(deps.cluster, target) : undefined;
  return {
    ...nodes,
    ...(replicas === undefined ? {} : { currentReplicas: replicas }),
    ...(inFlight === undefined ? {} : { inFlight }),
    ...(lastRunAt === undefined ? {} : { lastRunAt }),
  };
}

function optional(request: ProposeRequest) {
  return {
    ...(request.rationale === undefined ? {} : { rationale: request.rationale.slice(0, 2000) }),
    ...(request.confidence === undefined ? {} : { confidence: request.confidence }),
    ...(request.environment === undefined ? {} : { environment: request.environment.slice(0, 63) }),
  };
}

async function build(deps: ProposeDeps, request: ProposeRequest): Promise<ProposalRecord> {
  const now = deps.clock.now();
  const risk = actionCatalogue[request.action].risk;
  const parsed = parseActionTarget(request.action, request.target);
  const facts = parsed.ok ? await gatherFacts(deps, request.action, request.target) : {};
  const verdict = evaluatePolicy({
    policy: mergePolicy(deps.defaultPolicy, request.policy),
    approval: request.approval,
    request: { ...request, ...optional(request), risk },
    facts,
    now,
    evaluator: deps.evaluator,
  });
  const reasons = parsed.ok ? [...verdict.reasons] : [parsed.message, ...verdict.reasons];
  const call = {
    id: request.id,
    action: request.action,
    target: request.target,
    params: request.params,
  };
  const dryRun = reasons.length === 0 ? await deps.executor.dryRun(call) : undefined;
  if (dryRun !== undefined && !dryRun.ok)
    reasons.push(`the server-side dry run failed: ${dryRun.summary}`);
  const expiresIn = parseDuration(request.approval.expiresAfter) ?? 30 * 60_000;
  return {
    id: request.id,
    run: request.run,
    action: request.action,
    target: request.target,
    params: request.params,
    ...optional(request),
    risk,
    requiredApprovals: verdict.requiredApprovals,
    approvers: approversFor(request.approval.approvers, request.target),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + expiresIn).toISOString(),
    state: reasons.length === 0 ? 'Proposed' : 'Refused',
    policy: { allowed: reasons.length === 0, reasons },
    ...(dryRun === undefined
      ? {}
      : {
          dryRun: {
            ok: dryRun.ok,
            summary: dryRun.summary.slice(0, 4000),
            ...('diff' in dryRun && dryRun.diff !== undefined
              ? { diff: dryRun.diff.slice(0, 20000) }
              : {}),
          },
        }),
    approvals: [],
  };
}

export async function propose(deps: ProposeDeps, request: ProposeRequest): Promise<ProposalRecord> {
  const existing = await deps.store.get(request.id);
  if (existing !== undefined) return existing;
  const record = await build(deps, request);
  if (!(await deps.store.create(record))) return (await deps.store.get(request.id)) ?? record;
  await announce(deps, record);
  if (record.state !== 'Proposed' || record.requiredApprovals > 0) return record;
  const decided = await deps.gate.decide(record.id, 'approve', autoActor);
  return 'proposal' in decided && decided.proposal !== undefined ? decided.proposal : record;
}
