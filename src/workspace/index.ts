// The local Slack workspace (`punchingfist workspace`): Slack's Web API subset the bot
// uses, signed deliveries to the bot, and a page showing channels and threads.

export { defaultWorkspace, WORKSPACE_PEOPLE } from './default-workspace.ts';
export type { Deliverer, DeliveryResult, Target } from './delivery.ts';
export type { Json, JsonObject } from './json.ts';
export type { RecordedCall } from './recorded-call.ts';
export type { ResponseUrlPost } from './response-urls.ts';
export { STALE_BY_SIX_MINUTES, signV0, type Tamper } from './signing.ts';
export type { InterceptedAnswer, WebApiInterceptor } from './web-api-router.ts';
export type {
  SeedChannel,
  SeedUser,
  SeedUsergroup,
  WorkspaceBot,
  WorkspaceIdentity,
  WorkspaceOptions,
  WorkspaceTeam,
} from './workspace-options.ts';
export {
  type RunningWorkspace,
  startWorkspace,
  type WorkspaceServerOptions,
} from './workspace-server.ts';
export type { StoredMessage, WorkspaceView } from './workspace-types.ts';
