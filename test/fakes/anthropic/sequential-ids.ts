/**
 * Deterministic ids in the real formats' shape (`msg_01…`, `toolu_01…`,
 * `req_011…`: 24 characters after the prefix), counted per fake instance so
 * two runs of a test see the same ids.
 */
export interface FakeIds {
  message(): string;
  toolUse(): string;
  request(): string;
}

const ID_BODY_LENGTH = 24;

export function createSequentialIds(): FakeIds {
  const counters = { message: 0, toolUse: 0, request: 0 };
  const next = (kind: keyof typeof counters, prefix: string, marker: string): string => {
    counters[kind] += 1;
    return prefix + marker + String(counters[kind]).padStart(ID_BODY_LENGTH - marker.length, '0');
  };
  return {
    message: () => next('message', 'msg_', '01Fake'),
    toolUse: () => next('toolUse', 'toolu_', '01Fake'),
    request: () => next('request', 'req_', '011Fake'),
  };
}
