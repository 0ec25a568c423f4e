import type { KnownBlock, MessageAttachment } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { AppError } from '../../core/errors.ts';

/**
 * The few Web API calls the thread sink makes, over the WebClient the wiring
 * builds (its retry policy honours 429 Retry-After and retries 5xx). Slack
 * platform errors become AppError naming the method and Slack's error code.
 */
export interface ChatMessage {
  readonly text: string;
  readonly blocks?: readonly KnownBlock[];
  readonly attachments?: readonly MessageAttachment[];
}

export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
}

/** The metadata event type marking the bot's own messages; the payload's `key` names the message. */
export const markerEventType = 'punchingfist_message';

export interface SlackChat {
  /** Posts a message (in `thread` when given) carrying `marker` in its metadata. */
  post(
    channel: string,
    message: ChatMessage,
    options: { readonly thread?: string; readonly marker: string },
  ): Promise<PostedMessage>;
  update(channel: string, ts: string, message: ChatMessage): Promise<void>;
  /** Uploads a file into a thread (files.getUploadURLExternal + completeUploadExternal). */
  upload(channel: string, thread: string, file: UploadedFile): Promise<void>;
  /**
   * The ts of the bot's message carrying `marker`: among the thread's
   * replies, or the channel's messages since `oldest` when no thread.
   */
  findMarked(
    channel: string,
    marker: string,
    where: { readonly thread?: string; readonly oldest?: string },
  ): Promise<string | undefined>;
}

export interface UploadedFile {
  readonly content: Buffer;
  readonly filename: string;
  readonly title: string;
}

interface SlackMessage {
  readonly ts?: string;
  readonly metadata?: {
    readonly event_type?: string;
    readonly event_payload?: { readonly key?: unknown };
  };
}

function translate(method: string, err: unknown): AppError {
  const data = (err as { data?: { error?: string } }).data;
  const code = data?.error ?? (err instanceof Error ? err.message : String(err));
  const kind =
    code === 'channel_not_found' || code === 'message_not_found'
      ? 'not_found'
      : 'upstream_unavailable';
  return new AppError(kind, `Slack ${method} failed: ${code}`, { cause: err });
}

async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw translate(method, err);
  }
}

function content(message: ChatMessage) {
  return {
    text: message.text,
    ...(message.blocks === undefined ? {} : { blocks: [...message.blocks] }),
    ...(message.attachments === undefined ? {} : { attachments: [...message.attachments] }),
  };
}

function marked(messages: readonly SlackMessage[] | undefined, marker: string): string | undefined {
  return messages?.find(
    (m) => m.metadata?.event_type === markerEventType && m.metadata.event_payload?.key === marker,
  )?.ts;
}

export function createSlackChat(client: WebClient): SlackChat {
  return {
    async post(channel, message, options) {
      const reply = await call('chat.postMessage', () =>
        client.chat.postMessage({
          channel,
          ...content(message),
          ...(options.thread === undefined ? {} : { thread_ts: options.thread }),
          metadata: { event_type: markerEventType, event_payload: { key: options.marker } },
        }),
      );
      if (reply.ts === undefined || reply.channel === undefined)
        throw new AppError('upstream_unavailable', 'Slack chat.postMessage answered without ts');
      return { channel: reply.channel, ts: reply.ts };
    },
    async update(channel, ts, message) {
      await call('chat.update', () => client.chat.update({ channel, ts, ...content(message) }));
    },
    async upload(channel, thread, file) {
      await call('files.uploadV2', () =>
        client.files.uploadV2({
          channel_id: channel,
          thread_ts: thread,
          file: file.content,
          filename: file.filename,
          title: file.title,
        }),
      );
    },
    async findMarked(channel, marker, where) {
      if (where.thread !== undefined) {
        const thread = where.thread;
        const reply = await call('conversations.replies', () =>
          client.conversations.replies({
            channel,
            ts: thread,
            include_all_metadata: true,
            limit: 200,
          }),
        );
        return marked(reply.messages as SlackMessage[] | undefined, marker);
      }
      const reply = await call('conversations.history', () =>
        client.conversations.history({
          channel,
          include_all_metadata: true,
          limit: 200,
          ...(where.oldest === undefined ? {} : { oldest: where.oldest }),
        }),
      );
      return marked(reply.messages as SlackMessage[] | undefined, marker);
    },
  };
}
