// createSlackFake: the local workspace (src/workspace) with fault injection on its Web API,
// for tests that prove the bot survives Slack's rate limits, outages and refusals.
import { type RunningWorkspace, startWorkspace } from '../../../src/workspace/index.ts';
import type { WorkspaceOptions } from '../../../src/workspace/workspace-options.ts';
import { createFaultPlan, type FaultSpec, faultResponse } from './faults.ts';

export interface SlackFake extends RunningWorkspace {
  failNext(fault: FaultSpec): void;
  /** Fails every n-th call matching `fault.method` (counting the failed ones). */
  failEvery(n: number, fault: FaultSpec): void;
  clearFaults(): void;
}

export async function createSlackFake(options: WorkspaceOptions): Promise<SlackFake> {
  const faults = createFaultPlan();
  const workspace = await startWorkspace({
    ...options,
    interceptWebApi: (method) => {
      const fault = faults.take(method);
      return fault === undefined ? undefined : faultResponse(fault);
    },
  });
  return Object.assign(workspace, {
    failNext: (fault: FaultSpec) => faults.failNext(fault),
    failEvery: (n: number, fault: FaultSpec) => faults.failEvery(n, fault),
    clearFaults: () => faults.clear(),
  });
}
