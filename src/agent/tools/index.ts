import type { Clock, ClusterPort } from '../../core/ports.ts';
import type { AgentTool as ToolName } from '../../core/resources/remediation-actions.ts';
import type { PrometheusClient } from '../prometheus/index.ts';
import { describeTool, eventsTool, getResourceTool, listResourcesTool } from './cluster-tools.ts';
import { httpCheckTool } from './http-check-tool.ts';
import { logsTool } from './logs-tool.ts';
import { prometheusQueryTool, prometheusRangeQueryTool } from './prometheus-tools.ts';
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
  const all: [ToolName, AgentTool | undefined][] = [
    ['get_resource', getResourceTool(deps.cluster)],
    ['list_resources', listResourcesTool(deps.cluster)],
    ['describe', describeTool(deps.cluster)],
    ['logs', logsTool(deps.cluster)],
    ['events', eventsTool(deps.cluster)],
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
      }),
    ],
  ];
  return all.flatMap(([name, tool]) =>
    tool !== undefined && (names === undefined || names.includes(name)) ? [tool] : [],
  );
}

export type { AgentTool, AgentToolContext, ToolOutput } from './tool.ts';
