import type { Logger } from 'pino';
import type { SlackChat } from '../../adapters/slack/slack-chat.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import { type AlertGraphDeps, renderAlertGraph } from '../graph/index.ts';
import type { ThreadTarget } from './thread-targets.ts';

/**
 * Attaches the alert's metric over the last hour (a PNG rendered from
 * Prometheus by src/sinks/graph) to a newly opened alert thread. No
 * expression or no data: nothing is attached; Prometheus failing: logged,
 * the thread goes on without a graph.
 */
export function createGraphAttacher(deps: {
  readonly chat: Pick<SlackChat, 'upload'>;
  readonly graph: AlertGraphDeps;
  readonly logger: Logger;
}): (event: SourceEvent, target: ThreadTarget) => Promise<void> {
  return async (event, target) => {
    const graph = await renderAlertGraph(deps.graph, event).catch((err: unknown) => {
      deps.logger.warn({ err, fingerprint: event.fingerprint }, 'alert graph not rendered');
      return undefined;
    });
    if (graph === undefined) return;
    await deps.chat.upload(target.channel, target.thread, {
      content: graph.png,
      filename: graph.filename,
      title: graph.title,
    });
  };
}
