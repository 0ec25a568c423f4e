/**
 * The catalogue of remediations (SPEC §5). Nothing else can be proposed or
 * run; each action's params are validated by the remediation module.
 */
export const remediationActions = [
  'restart_pod',
  'rollout_restart',
  'scale',
  'rollback',
  'cordon_node',
  'uncordon_node',
  'drain_node',
  'update_hpa',
  'set_resources',
  'delete_job',
  'rerun_job',
] as const;

export type RemediationAction = (typeof remediationActions)[number];

/** The read-only tools an agent step may be given (SPEC §4). */
export const agentTools = [
  'get_resource',
  'list_resources',
  'describe',
  'logs',
  'events',
  'rollout_history',
  'get_custom_resource',
  'list_custom_resources',
  'prometheus_query',
  'prometheus_range_query',
  'http_check',
  'runbook_lookup',
] as const;

export type AgentTool = (typeof agentTools)[number];
