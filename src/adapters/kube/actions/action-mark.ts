import { z } from 'zod';
import { actionNames } from '../../../core/investigation/actions.ts';
import type { ActionRequest } from '../../../core/remediation/action-executor.ts';
import type { PlainObject } from './remediation-api.ts';

/**
 * The idempotency mark: the request id (and the undo built from the state
 * before the change) written on the target in the same write as the change
 * itself. A second execute of the same id finds it and changes nothing; a
 * second worker racing the first loses on resourceVersion and then finds it.
 */
export const markAnnotation = 'punchingfist.io/last-action';
/** restart_pod's mark, on the pod's owner (a Deployment's annotations are copied onto its ReplicaSets). */
export const podRestartAnnotation = 'punchingfist.io/last-pod-restart';

const undoSchema = z.strictObject({
  id: z.string(),
  action: z.enum(actionNames),
  target: z.string(),
  params: z.record(z.string(), z.unknown()),
});

export const markSchema = z.looseObject({
  id: z.string(),
  action: z.string(),
  at: z.string(),
  undo: undoSchema.optional(),
  /** restart_pod: the uid of the pod it deleted. */
  uid: z.string().optional(),
});
export type ActionMark = z.infer<typeof markSchema>;

const annotationsSchema = z.looseObject({
  metadata: z.looseObject({ annotations: z.record(z.string(), z.string()).optional() }),
});

export function readMark(object: PlainObject, key = markAnnotation): ActionMark | undefined {
  const text = annotationsSchema.safeParse(object).data?.metadata.annotations?.[key];
  if (text === undefined) return undefined;
  try {
    return markSchema.safeParse(JSON.parse(text)).data;
  } catch {
    return undefined;
  }
}

export function markValue(request: ActionRequest, at: Date, extra: Partial<ActionMark>): string {
  const mark: ActionMark = {
    id: request.id,
    action: request.action,
    at: at.toISOString(),
    ...extra,
  };
  return JSON.stringify(mark);
}

/** The id of an undo request: the proposal id with `-undo`, within the 128 characters ids allow. */
export function undoId(id: string): string {
  return `${id.slice(0, 123)}-undo`;
}

export function undoRequest(
  request: ActionRequest,
  action: ActionRequest['action'],
  target: string,
  params: Readonly<Record<string, unknown>>,
): ActionRequest {
  return { id: undoId(request.id), action, target, params };
}
