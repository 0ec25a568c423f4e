import type { Responder, ScriptedTurn } from './fake-types.ts';
import type { MessagesRequest } from './request-schema.ts';

/** Where the fake's replies come from: the scripted queue first, then the responder. */
export interface TurnSource {
  readonly pending: number;
  push(turns: readonly ScriptedTurn[]): void;
  setResponder(responder: Responder | undefined): void;
  /** The next turn, or `undefined` when the script is empty and no responder is set. */
  next(request: MessagesRequest): Promise<ScriptedTurn | undefined>;
}

export function createTurnSource(initial: Responder | undefined): TurnSource {
  const queue: ScriptedTurn[] = [];
  let responder = initial;
  return {
    get pending() {
      return queue.length;
    },
    push(turns) {
      queue.push(...turns);
    },
    setResponder(next) {
      responder = next;
    },
    async next(request) {
      const scripted = queue.shift();
      if (scripted !== undefined) return scripted;
      return responder === undefined ? undefined : await responder(request);
    },
  };
}
