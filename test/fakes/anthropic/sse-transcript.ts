/** One server-sent event as it crossed the wire. */
export interface TranscriptEvent {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Parses an SSE transcript in the strict framing the Messages API uses: events
 * separated by a blank line, each exactly an `event:` line and a `data:` line
 * whose JSON has the event's name as its `type`. Throws on anything else.
 */
export function parseSseTranscript(text: string): TranscriptEvent[] {
  if (!text.endsWith('\n\n')) throw new Error('an SSE transcript ends with a blank line');
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame, index) => {
      const match = /^event: ([a-z_]+)\ndata: (.+)$/.exec(frame);
      if (match === null)
        throw new Error(`event ${index} is not "event: …\\ndata: …": ${JSON.stringify(frame)}`);
      const [, event = '', json = ''] = match;
      const data = JSON.parse(json) as Record<string, unknown>;
      if (data.type !== event)
        throw new Error(`event ${index}: "${event}" carries type ${String(data.type)}`);
      return { event, data };
    });
}

/** Parses newline-delimited event payloads (a recording that kept the data lines only). */
export function parseJsonLines(text: string): TranscriptEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const data = JSON.parse(line) as Record<string, unknown>;
      return { event: String(data.type), data };
    });
}

/**
 * The grammar of a stream: each event's name (deltas qualified by their delta
 * type), with runs of the same name collapsed, so transcripts that chunk text
 * differently compare equal.
 */
export function eventGrammar(events: readonly TranscriptEvent[]): string[] {
  const names = events.map(({ event, data }) => {
    const delta = data.delta as { type?: unknown } | undefined;
    return event === 'content_block_delta' ? `${event}:${String(delta?.type)}` : event;
  });
  return names.filter((name, index) => name !== names[index - 1]);
}
