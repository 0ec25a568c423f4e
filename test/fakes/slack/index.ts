// A fake Slack for tests: Web API, upload URLs, response_urls and signed deliveries.
export { type BoltHarness, type BoltHarnessOptions, startBoltApp } from './bolt-harness.ts';
export type { Deliverer, DeliveryResult, Target } from './delivery.ts';
export type {
  FakeBot,
  FakeTeam,
  SeedChannel,
  SeedUser,
  SeedUsergroup,
  SlackFakeOptions,
} from './fake-options.ts';
export type { FaultSpec } from './faults.ts';
export type { Json, JsonObject } from './json.ts';
export type { RecordedCall } from './recorded-call.ts';
export type { ResponseUrlPost } from './response-urls.ts';
export { SAMPLE, sampleWorkspace } from './sample-workspace.ts';
export { diffShape } from './shape-diff.ts';
export { STALE_BY_SIX_MINUTES, signV0, type Tamper } from './signing.ts';
export { createSlackFake, type SlackFake } from './slack-fake.ts';
export type { StoredMessage, WorkspaceView } from './workspace-types.ts';
