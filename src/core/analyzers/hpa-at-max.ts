import type { Evidence, Finding } from '../investigation/report.ts';
import type { Hpa } from '../kube/cluster-objects.ts';
import { condition } from '../kube/meta.ts';
import { objectRef, refOf } from '../kube/refs.ts';
import {
  type Analyzer,
  conditionEvidence,
  fieldEvidence,
  makeFinding,
  metricEvidence,
} from './finding.ts';

/**
 * A HorizontalPodAutoscaler pinned at maxReplicas while it wants more
 * (ScalingLimited/TooManyReplicas, desired ≥ max, or a metric above its
 * target). Proposes raising maxReplicas by half.
 */
interface MetricReading {
  readonly name: string;
  readonly current?: number;
  readonly target?: number;
}

function utilization(hpa: Hpa): MetricReading[] {
  const targets = new Map(
    (hpa.spec.metrics ?? []).flatMap((m) =>
      m.resource === undefined
        ? []
        : [[m.resource.name, m.resource.target?.averageUtilization] as const],
    ),
  );
  return (hpa.status?.currentMetrics ?? []).flatMap((m) => {
    const r = m.resource;
    if (r === undefined) return [];
    const current = r.current?.averageUtilization;
    const target = targets.get(r.name);
    return [
      {
        name: r.name,
        ...(current === undefined ? {} : { current }),
        ...(target === undefined ? {} : { target }),
      },
    ];
  });
}

interface HpaState {
  readonly max: number;
  readonly current: number;
  readonly desired: number;
  readonly tooMany: boolean;
  readonly hot: readonly MetricReading[];
}

function stateOf(hpa: Hpa): HpaState {
  const limited = condition(hpa.status?.conditions, 'ScalingLimited');
  return {
    max: hpa.spec.maxReplicas,
    current: hpa.status?.currentReplicas ?? 0,
    desired: hpa.status?.desiredReplicas ?? 0,
    tooMany: limited?.status === 'True' && limited.reason === 'TooManyReplicas',
    hot: utilization(hpa).filter((m) => (m.current ?? 0) > (m.target ?? Number.POSITIVE_INFINITY)),
  };
}

function evidenceOf(hpa: Hpa, state: HpaState): Evidence[] {
  const ref = refOf('HorizontalPodAutoscaler', hpa);
  const conditions = hpa.status?.conditions;
  return [
    fieldEvidence(
      ref,
      'status.currentReplicas',
      `${state.current} (maxReplicas ${state.max}, desiredReplicas ${state.desired})`,
    ),
    ...conditionEvidence(ref, condition(conditions, 'ScalingLimited'), 'True'),
    ...state.hot.map((m) =>
      metricEvidence(
        ref,
        `${m.name} utilization`,
        `${m.current ?? '?'}% of request (target ${m.target ?? '?'}%)`,
      ),
    ),
    ...conditionEvidence(ref, condition(conditions, 'ScalingActive'), 'False'),
  ];
}

function hpaFinding(hpa: Hpa): Finding | undefined {
  const state = stateOf(hpa);
  const wantsMore = state.tooMany || state.desired >= state.max || state.hot.length > 0;
  if (state.current < state.max || !wantsMore) return undefined;
  const ref = refOf('HorizontalPodAutoscaler', hpa);
  const target = hpa.spec.scaleTargetRef;
  const raised = Math.max(state.max + 1, Math.ceil(state.max * 1.5));
  const load = state.hot
    .map((m) => `${m.name} at ${m.current ?? '?'}% vs target ${m.target ?? '?'}%`)
    .join(', ');
  return makeFinding({
    category: 'HPAAtMax',
    severity: 'medium',
    object: ref,
    summary:
      `${ref} is at its maximum of ${state.max} replicas for ${objectRef(target.kind, target.name, hpa.metadata.namespace)}` +
      `${load === '' ? '' : ` (${load})`}${state.tooMany ? '; it wants more' : ''}`,
    evidence: evidenceOf(hpa, state),
    confidence: state.hot.length > 0 || state.tooMany ? 0.8 : 0.65,
    action: {
      action: 'update_hpa',
      target: ref,
      params: { maxReplicas: raised },
      rationale: `the autoscaler is capped at ${state.max} replicas while it wants more; raise maxReplicas to ${raised} (check the nodes have room)`,
    },
  });
}

export const analyzeHpas: Analyzer = (snapshot) =>
  snapshot.hpas.flatMap((h) => hpaFinding(h) ?? []);
