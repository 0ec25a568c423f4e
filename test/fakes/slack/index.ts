// A fake Slack for tests: the local workspace (src/workspace) plus fault injection, a
// Bolt harness, a sample workspace and the shape diff the contract tests pin it with.
export type {
  Deliverer,
  DeliveryResult,
  Json,
  JsonObject,
  RecordedCall,
  ResponseUrlPost,
  SeedChannel,
  SeedUser,
  SeedUsergroup,
  StoredMessage,
  Tamper,
  Target,
  WorkspaceBot as FakeBot,
  WorkspaceOptions as SlackFakeOptions,
  WorkspaceTeam as FakeTeam,
  WorkspaceView,
} from '../../../src/workspace/index.ts';
export { STALE_BY_SIX_MINUTES, signV0 } from '../../../src/workspace/index.ts';
export { type BoltHarness, type BoltHarnessOptions, startBoltApp } from './bolt-harness.ts';
export type { FaultSpec } from './faults.ts';
export { SAMPLE, sampleWorkspace } from './sample-workspace.ts';
export { diffShape } from './shape-diff.ts';
export { createSlackFake, type SlackFake } from './slack-fake.ts';
