import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { ChatDirectory } from '../core/chatops/chat-runs.ts';
import type { Clock } from '../core/ports.ts';

/**
 * Channel names and user-group membership from Slack's Web API
 * (`conversations.info`, `usergroups.users.list`), kept for a minute so a
 * burst of clicks asks Slack once. A lookup that fails counts as "not a
 * member": nobody gains a permission because Slack was unreachable.
 */
const channelInfo = z.object({ channel: z.object({ name: z.string() }) });
const groupUsers = z.object({ users: z.array(z.string()) });

const ttlMs = 60_000;

export function createSlackDirectory(client: WebClient, clock: Clock): ChatDirectory {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = clock.now().getTime();
    const hit = cache.get(key);
    if (hit !== undefined && now - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { at: now, value });
    value.catch(() => cache.delete(key));
    return value;
  }

  const members = (group: string) =>
    cached(`group:${group}`, async () => {
      const answer = await client.usergroups.users.list({ usergroup: group });
      return groupUsers.parse(answer).users;
    });

  return {
    async channelName(channel) {
      try {
        return await cached(`channel:${channel}`, async () => {
          const answer = await client.conversations.info({ channel });
          return channelInfo.parse(answer).channel.name;
        });
      } catch {
        return undefined;
      }
    },
    async memberGroups(user, groups) {
      const checks = await Promise.all(
        groups.map((g) =>
          members(g).then(
            (users) => users.includes(user),
            () => false,
          ),
        ),
      );
      return groups.filter((_, i) => checks[i] === true);
    },
  };
}
