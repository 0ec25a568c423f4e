import type { AlertSummary } from '../../core/events/source-event.ts';

/**
 * The PromQL behind an alert, for its graph: an annotation a rule author set
 * on purpose (`query`, `promql`, `expr`) wins over the rule's own expression,
 * which Prometheus puts in the generatorURL as `g0.expr`
 * (`http://prometheus:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1`).
 */
export const expressionAnnotations = ['query', 'promql', 'expr'] as const;

const maxExpressionLength = 4000;

export function alertExpression(
  alert: Pick<AlertSummary, 'annotations' | 'generatorURL'>,
): string | undefined {
  for (const key of expressionAnnotations) {
    const value = usable(alert.annotations[key]);
    if (value !== undefined) return value;
  }
  return usable(generatorExpression(alert.generatorURL));
}

/** `g0.expr` of a Prometheus/Thanos generatorURL; undefined for other links (e.g. Grafana's). */
export function generatorExpression(generatorURL: string | undefined): string | undefined {
  if (generatorURL === undefined || !URL.canParse(generatorURL)) return undefined;
  return new URL(generatorURL).searchParams.get('g0.expr') ?? undefined;
}

function usable(expression: string | undefined): string | undefined {
  const trimmed = expression?.trim();
  if (trimmed === undefined || trimmed === '' || trimmed.length > maxExpressionLength)
    return undefined;
  return trimmed;
}
