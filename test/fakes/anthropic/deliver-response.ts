import type { ServerResponse } from 'node:http';
import { errorEnvelope } from './error-envelope.ts';
import type { ResponsePlan } from './response-plan.ts';
import { formatServerSentEvent, streamEventsOf } from './stream-events.ts';

export interface DeliveryContext {
  readonly requestId: string;
  readonly textChunkChars: number;
}

/**
 * Writes a plan to the wire, with the `request-id` header every real response
 * carries. Returns the status sent, or 0 when nothing was sent.
 */
export function deliverResponse(
  plan: ResponsePlan,
  res: ServerResponse,
  context: DeliveryContext,
): number {
  const requestId = context.requestId;
  switch (plan.kind) {
    case 'silence':
      return 0;
    case 'error':
      writeJson(res, plan.status, errorEnvelope(plan.type, plan.message, requestId), {
        ...plan.headers,
        'request-id': requestId,
      });
      return plan.status;
    case 'message': {
      if (!plan.stream) {
        writeJson(res, 200, plan.message, { 'request-id': requestId });
        return 200;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'request-id': requestId,
      });
      const events = streamEventsOf(plan.message, { textChunkChars: context.textChunkChars });
      const sent = plan.streamError === undefined ? events : events.slice(0, 1);
      for (const event of sent) res.write(formatServerSentEvent(event));
      if (plan.streamError !== undefined) {
        const message =
          plan.streamError === 'overloaded_error' ? 'Overloaded' : 'Internal server error';
        const data = errorEnvelope(plan.streamError, message, requestId);
        res.write(formatServerSentEvent({ event: 'error', data }));
      }
      res.end();
      return 200;
    }
  }
}

function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>,
): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
