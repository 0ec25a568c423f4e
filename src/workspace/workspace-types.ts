// The workspace's state, as tests and the page read it.

import type { JsonObject } from './json.ts';
import type { SeedChannel, SeedUser, SeedUsergroup } from './workspace-options.ts';

export interface MessageMetadata {
  event_type: string;
  event_payload: JsonObject;
}

export interface MessageContent {
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: MessageMetadata;
}

export interface MessageEdit {
  /** When the edit was applied (the workspace's clock, ms). */
  at: number;
  /** The content the message had before this edit. */
  previous: MessageContent;
}

export interface Reaction {
  name: string;
  users: string[];
}

export interface StoredMessage extends MessageContent {
  channel: string;
  ts: string;
  threadTs?: string;
  /** For replies: who wrote the thread's parent. */
  parentUserId?: string;
  /** Author: a seeded user, or the bot's user id for messages the bot posted. */
  user: string;
  /** Set when the bot posted the message. */
  botId?: string;
  replyBroadcast?: boolean;
  clientMsgId?: string;
  fileIds: string[];
  reactions: Reaction[];
  edits: MessageEdit[];
  edited?: { user: string; ts: string };
}

export interface EphemeralMessage extends MessageContent {
  channel: string;
  user: string;
  ts: string;
  threadTs?: string;
  via: 'chat.postEphemeral' | 'response_url';
}

export interface StoredFile {
  id: string;
  filename: string;
  title: string;
  declaredLength: number;
  altText?: string;
  snippetType?: string;
  /** The bytes posted to the upload URL; undefined until uploaded. */
  bytes?: Buffer;
  completed: boolean;
  created: number;
  shares: Array<{ channel: string; ts: string; threadTs?: string }>;
}

export interface ChannelRecord extends Required<Omit<SeedChannel, 'topic' | 'purpose'>> {
  topic: string;
  purpose: string;
  created: number;
}

export interface WorkspaceView {
  channel(idOrName: string): ChannelRecord | undefined;
  channels(): ChannelRecord[];
  user(id: string): SeedUser | undefined;
  /** Every user, the bot included. */
  users(): SeedUser[];
  /** Increases with every change; the page uses it to know it is current. */
  version(): number;
  usergroup(id: string): SeedUsergroup | undefined;
  /** Messages in posting order; top-level and replies, optionally for one channel. */
  messages(channel?: string): StoredMessage[];
  message(channel: string, ts: string): StoredMessage | undefined;
  /** The thread's parent and its replies in order; parent undefined if it does not exist. */
  thread(
    channel: string,
    ts: string,
  ): { parent: StoredMessage | undefined; replies: StoredMessage[] };
  ephemerals(channel?: string): EphemeralMessage[];
  files(): StoredFile[];
  file(id: string): StoredFile | undefined;
}
