import { describe, expect, it } from 'vitest';
import { actionParamSchemas } from '../../../core/investigation/actions.ts';
import { executorParamSchemas } from './executor-params.ts';

describe('executorParamSchemas', () => {
  it('are the proposal schemas plus the undo-only fields, which a proposal cannot carry', () => {
    const restore = { restoreRestartedAt: null };
    expect(executorParamSchemas.rollout_restart.safeParse(restore).success).toBe(true);
    expect(actionParamSchemas.rollout_restart.safeParse(restore).success).toBe(false);
    const unset = { container: 'app', unset: { limits: ['memory'] } };
    expect(executorParamSchemas.set_resources.safeParse(unset).success).toBe(true);
    expect(actionParamSchemas.set_resources.safeParse(unset).success).toBe(false);
    expect(executorParamSchemas.rollout_restart.safeParse({ force: true }).success).toBe(false);
    expect(executorParamSchemas.scale).toBe(actionParamSchemas.scale);
  });
});
