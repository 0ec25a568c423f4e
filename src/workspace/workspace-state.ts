// In-memory workspace state: channels, messages (with threads, edits, reactions), files.

import type { IdSource } from './ids.ts';
import type {
  SeedChannel,
  SeedUser,
  SeedUsergroup,
  WorkspaceIdentity,
} from './workspace-options.ts';
import type {
  ChannelRecord,
  EphemeralMessage,
  MessageContent,
  StoredFile,
  StoredMessage,
  WorkspaceView,
} from './workspace-types.ts';

export interface NewMessage extends MessageContent {
  channel: string;
  user: string;
  threadTs?: string;
  botId?: string;
  replyBroadcast?: boolean;
  clientMsgId?: string;
  fileIds?: string[];
}

export interface ContentPatch {
  text?: string;
  blocks?: MessageContent['blocks'] | null;
  attachments?: MessageContent['attachments'] | null;
  metadata?: MessageContent['metadata'];
}

export interface Workspace extends WorkspaceView {
  addMessage(input: NewMessage): StoredMessage;
  editMessage(message: StoredMessage, patch: ContentPatch, editor: string): StoredMessage;
  deleteMessage(message: StoredMessage): void;
  addEphemeral(input: Omit<EphemeralMessage, 'ts'>): EphemeralMessage;
  addFile(file: Omit<StoredFile, 'id' | 'completed' | 'created' | 'shares'>): StoredFile;
  nextTs(): string;
  /** Tells listeners the workspace changed (called by every mutation above). */
  changed(): void;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface WorkspaceSeed {
  identity: WorkspaceIdentity;
  users: readonly SeedUser[];
  channels: readonly SeedChannel[];
  usergroups: readonly SeedUsergroup[];
}

function toChannelRecord(seed: SeedChannel, created: number): ChannelRecord {
  return {
    id: seed.id,
    name: seed.name,
    isPrivate: seed.isPrivate ?? false,
    isMember: seed.isMember ?? true,
    isArchived: seed.isArchived ?? false,
    topic: seed.topic ?? '',
    purpose: seed.purpose ?? '',
    created,
  };
}

export function createWorkspace(
  seed: WorkspaceSeed,
  deps: { now: () => number; ids: IdSource; nextTs: () => string },
): Workspace {
  const created = Math.floor(deps.now() / 1000);
  const channels = new Map(seed.channels.map((c) => [c.id, toChannelRecord(c, created)]));
  const botUser: SeedUser = {
    id: seed.identity.bot.userId,
    name: seed.identity.bot.name,
    isBot: true,
  };
  const users = new Map([...seed.users, botUser].map((u) => [u.id, u]));
  const usergroups = new Map(seed.usergroups.map((g) => [g.id, g]));
  const messages: StoredMessage[] = [];
  const ephemerals: EphemeralMessage[] = [];
  const files = new Map<string, StoredFile>();
  const listeners = new Set<() => void>();
  let version = 0;
  const changed = (): void => {
    version += 1;
    for (const listener of [...listeners]) listener();
  };

  const channel = (idOrName: string): ChannelRecord | undefined => {
    const name = idOrName.replace(/^#/, '');
    return channels.get(idOrName) ?? [...channels.values()].find((c) => c.name === name);
  };
  const message = (ch: string, ts: string) => messages.find((m) => m.channel === ch && m.ts === ts);

  return {
    channel,
    channels: () => [...channels.values()],
    user: (id) => users.get(id),
    users: () => [...users.values()],
    version: () => version,
    changed,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    usergroup: (id) => usergroups.get(id),
    messages: (ch) => messages.filter((m) => ch === undefined || m.channel === ch),
    message,
    thread: (ch, ts) => ({
      parent: message(ch, ts),
      replies: messages.filter((m) => m.channel === ch && m.threadTs === ts),
    }),
    ephemerals: (ch) => ephemerals.filter((m) => ch === undefined || m.channel === ch),
    files: () => [...files.values()],
    file: (id) => files.get(id),
    nextTs: deps.nextTs,
    addMessage(input) {
      const { fileIds, ...rest } = input;
      const parent =
        input.threadTs === undefined ? undefined : message(input.channel, input.threadTs);
      const stored: StoredMessage = {
        ...rest,
        ...(parent && { parentUserId: parent.user }),
        ts: deps.nextTs(),
        fileIds: fileIds ?? [],
        reactions: [],
        edits: [],
      };
      messages.push(stored);
      changed();
      return stored;
    },
    editMessage(target, patch, editor) {
      const { text, blocks, attachments, metadata } = target;
      target.edits.push({
        at: deps.now(),
        previous: {
          text,
          ...(blocks && { blocks }),
          ...(attachments && { attachments }),
          ...(metadata && { metadata }),
        },
      });
      applyPatch(target, patch);
      target.edited = { user: editor, ts: deps.nextTs() };
      changed();
      return target;
    },
    deleteMessage(target) {
      const index = messages.indexOf(target);
      if (index >= 0) messages.splice(index, 1);
      changed();
    },
    addEphemeral(input) {
      const stored = { ...input, ts: deps.nextTs() };
      ephemerals.push(stored);
      changed();
      return stored;
    },
    addFile(file) {
      const stored: StoredFile = {
        ...file,
        id: deps.ids.next('F'),
        completed: false,
        created: Math.floor(deps.now() / 1000),
        shares: [],
      };
      files.set(stored.id, stored);
      return stored;
    },
  };
}

/** chat.update semantics: omitted blocks/attachments are kept, an empty array removes them. */
function applyPatch(target: StoredMessage, patch: ContentPatch): void {
  if (patch.text !== undefined) target.text = patch.text;
  if (patch.metadata !== undefined) target.metadata = patch.metadata;
  if (patch.blocks !== undefined) {
    if (patch.blocks === null || patch.blocks.length === 0) delete target.blocks;
    else target.blocks = patch.blocks;
  }
  if (patch.attachments !== undefined) {
    if (patch.attachments === null || patch.attachments.length === 0) delete target.attachments;
    else target.attachments = patch.attachments;
  }
}
