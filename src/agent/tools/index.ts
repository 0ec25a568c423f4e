import type { PrometheusClient } from '../../adapters/prometheus/index.ts';
import type { Clock, ClusterPort } from '../../core/ports.ts';
import type { AgentTool as ToolName } from '../../core/resources/remediation-actions.ts';
import { describeTool, eventsTool, getResourceTool, listResourcesTool } from './cluster-tools.ts';
import {
  customReads,
  getCustomResourceTool,
  listCustomResourcesTool,
} from './custom-resource-tools.ts';
import { httpCheckTool } from './http-check-tool.ts';
import { logsTool } from './logs-tool.ts';
import { prometheusQueryTool, prometheusRangeQueryTool } from './prometheus-tools.ts';
import { rawDescribe, rawEvents, rawGet, rawList, withRawOutput } from './raw-output.ts';
import { rolloutHistoryTool } from './rollout-history-tool.ts';
import { runbookTool } from './runbook-tool.ts';
import type { AgentTool } from './tool.ts';

/**
 * The agent's read-only tools, by the names a Workflow's agent step lists.
 * PromQL tools exist only with a Prometheus; http_check only with an
 * allowlist; nothing here can write to the cluster.
 */
export interface AgentToolDeps {
  readonly cluster: ClusterPort;
  readonly clock: Clock;
  readonly prometheus?: PrometheusClient | undefined;
  readonly httpAllowedHosts?: readonly string[];
  readonly runbookDir?: string | undefined;
  readonly runbookUrls?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
}

export function createAgentTools(deps: AgentToolDeps, names?: readonly ToolName[]): AgentTool[] {
  const reads = customReads(deps.cluster);
  const runbookConfigMaps = deps.cluster.runbookConfigMaps?.bind(deps.cluster);
  const all: [ToolName, AgentTool | undefined][] = [
    ['get_resource', withRawOutput(getResourceTool(deps.cluster), rawGet(deps.cluster))],
    ['list_resources', withRawOutput(listResourcesTool(deps.cluster), rawList(deps.cluster))],
    ['describe', withRawOutput(describeTool(deps.cluster), rawDescribe(deps.cluster))],
    ['logs', logsTool(deps.cluster)],
    ['events', withRawOutput(eventsTool(deps.cluster), rawEvents(deps.cluster))],
    ['rollout_history', rolloutHistoryTool(deps.cluster)],
    ['get_custom_resource', reads && getCustomResourceTool(reads)],
    ['list_custom_resources', reads && listCustomResourcesTool(reads)],
    ['prometheus_query', deps.prometheus && prometheusQueryTool(deps.prometheus)],
    [
      'prometheus_range_query',
      deps.prometheus && prometheusRangeQueryTool(deps.prometheus, deps.clock),
    ],
    [
      'http_check',
      (deps.httpAllowedHosts ?? []).length === 0
        ? undefined
        : httpCheckTool({
            allowedHosts: deps.httpAllowedHosts ?? [],
            ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
          }),
    ],
    [
      'runbook_lookup',
      runbookTool({
        ...(deps.runbookDir === undefined ? {} : { directory: deps.runbookDir }),
        ...(deps.runbookUrls === undefined ? {} : { urls: deps.runbookUrls }),
        ...(runbookConfigMaps === undefined ? {} : { configMaps: runbookConfigMaps }),
      }),
    ],
  ];
  return all.flatMap(([name, tool]) =>
    tool !== undefined && (names === undefined || names.includes(name)) ? [tool] : [],
  );
}

export type { AgentTool, AgentToolContext, ToolOutput } from './tool.ts';
