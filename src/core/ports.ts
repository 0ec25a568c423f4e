/**
 * The ports of the pure core: what the domain needs from the outside world,
 * as interfaces. Adapters (src/agent, src/sources, src/sinks, src/bot,
 * src/controllers) implement them; src/main.ts wires them together.
 */

/** Time, injectable so tests control it. */
export interface Clock {
  now(): Date;
}

/** Ids, injectable so tests get stable ones. */
export interface Ids {
  next(prefix: string): string;
}

export const systemClock: Clock = { now: () => new Date() };
