import { z } from 'zod';
import { type ActionName, actionParamSchemas } from '../../../core/investigation/actions.ts';

/**
 * The params the executor accepts: what a proposal may carry
 * (`actionParamSchemas`, strict, which the proposer validates) plus the
 * fields only the executor's own undo requests carry, to restore exactly
 * the state it read before its change. Never proposable: a proposal with
 * them fails the proposal schema; they reach the executor only from the
 * `undo` it returned itself.
 */
const resourceNames = z.array(z.enum(['cpu', 'memory'])).min(1);

export const executorParamSchemas = {
  ...actionParamSchemas,
  /** `restoreRestartedAt`: the template's restartedAt annotation before a restart (null: it had none). */
  rollout_restart: actionParamSchemas.rollout_restart.extend({
    restoreRestartedAt: z.string().min(1).nullable().optional(),
  }),
  /** `unset`: resources the container did not set before, removed again. */
  set_resources: actionParamSchemas.set_resources.extend({
    unset: z
      .strictObject({ limits: resourceNames.optional(), requests: resourceNames.optional() })
      .optional(),
  }),
} as const satisfies Record<ActionName, z.ZodType>;

export type ExecutorParams<A extends ActionName> = z.output<(typeof executorParamSchemas)[A]>;
