// What every Web API method handler receives and returns.

import type { IdSource } from '../ids.ts';
import type { JsonObject } from '../json.ts';
import type { WorkspaceIdentity } from '../workspace-options.ts';
import type { Workspace } from '../workspace-state.ts';

export interface MethodContext {
  workspace: Workspace;
  identity: WorkspaceIdentity;
  ids: IdSource;
  now: () => number;
  /** Where the workspace listens, e.g. `http://127.0.0.1:50123`. */
  baseUrl: string;
}

/** Handlers answer with Slack's JSON body; the router always sends it with HTTP 200. */
export type MethodHandler = (args: Record<string, unknown>, ctx: MethodContext) => JsonObject;

export interface MethodSpec {
  handler: MethodHandler;
  /** The OAuth scope the bot token needs, if any. */
  scope?: string;
}
