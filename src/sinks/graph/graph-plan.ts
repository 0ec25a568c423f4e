import type { AlertSummary, SourceEvent } from '../../core/events/source-event.ts';
import { alertExpression } from './alert-expression.ts';
import { type GraphQuery, splitThreshold } from './threshold.ts';

/**
 * What to graph for an alert (or an alert group's event): which expression,
 * over which window, under which title. Pure; undefined when the alert
 * carries no PromQL.
 */
export interface GraphPlan extends GraphQuery {
  readonly alertName: string;
  /** The expression as the alert carried it (with its comparison). */
  readonly expression: string;
  readonly window: { readonly start: Date; readonly end: Date };
  readonly stepSeconds: number;
  readonly firedAt?: Date;
  readonly resolvedAt?: Date;
  /** Labels of the alerts this graph is about (the group's alerts with the same expression). */
  readonly alertLabels: readonly Readonly<Record<string, string>>[];
}

export interface WindowOptions {
  readonly now: Date;
  /** Default 60. */
  readonly windowMinutes?: number;
  /** Points per series to aim for; default 240 (15 s steps over an hour). */
  readonly points?: number;
}

type Alertish = Pick<
  AlertSummary,
  'labels' | 'annotations' | 'generatorURL' | 'startsAt' | 'status' | 'endsAt'
>;

export function graphPlan(
  input: AlertSummary | SourceEvent,
  options: WindowOptions,
): GraphPlan | undefined {
  const alert = pickAlert(input);
  const expression = alert === undefined ? undefined : alertExpression(alert);
  if (alert === undefined || expression === undefined) return undefined;
  const minutes = options.windowMinutes ?? 60;
  const end = options.now;
  const start = new Date(end.getTime() - minutes * 60_000);
  return {
    ...splitThreshold(expression),
    alertName: alert.labels.alertname ?? ('title' in input ? input.title : 'alert'),
    expression,
    window: { start, end },
    stepSeconds: Math.max(1, Math.round((minutes * 60) / (options.points ?? 240))),
    ...dates(alert),
    alertLabels: siblings(input, expression).map((a) => a.labels),
  };
}

/** The alerts of the input whose graph this is: those with the same expression. */
function siblings(input: AlertSummary | SourceEvent, expression: string): readonly Alertish[] {
  if (!('alerts' in input)) return [input];
  const same = input.alerts.filter((a) => alertExpression(a) === expression);
  return same.length > 0 ? same : [{ ...input, startsAt: input.receivedAt }];
}

function pickAlert(input: AlertSummary | SourceEvent): Alertish | undefined {
  if (!('alerts' in input)) return input;
  const carrying = input.alerts.filter((a) => alertExpression(a) !== undefined);
  const chosen = carrying.find((a) => a.status === 'firing') ?? carrying[0];
  if (chosen !== undefined) return chosen;
  // An api Source's event may carry the query on the event itself.
  return { ...input, startsAt: input.receivedAt };
}

function dates(alert: Alertish): Pick<GraphPlan, 'firedAt' | 'resolvedAt'> {
  const firedAt = validDate(alert.startsAt);
  const resolvedAt = alert.status === 'resolved' ? validDate(alert.endsAt) : undefined;
  return { ...(firedAt && { firedAt }), ...(resolvedAt && { resolvedAt }) };
}

function validDate(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  // Alertmanager sends 0001-01-01T00:00:00Z for "not set".
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 ? undefined : date;
}
