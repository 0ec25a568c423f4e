// How Slack renders users and conversations (users.info, conversations.info).

import type { JsonObject } from './json.ts';
import type { SeedUser, WorkspaceIdentity } from './workspace-options.ts';
import type { ChannelRecord } from './workspace-types.ts';

const AVATAR = 'https://secure.gravatar.com/avatar/fake.jpg';

export function renderUser(
  user: SeedUser,
  identity: WorkspaceIdentity,
  updated: number,
): JsonObject {
  const realName = user.realName ?? user.name;
  const images = Object.fromEntries(
    [24, 32, 48, 72, 192, 512].map((size) => [`image_${size}`, `${AVATAR}?s=${size}`]),
  );
  return {
    id: user.id,
    team_id: identity.team.id,
    name: user.name,
    deleted: user.deleted ?? false,
    color: '9f69e7',
    real_name: realName,
    tz: user.tz ?? 'Europe/London',
    tz_label: 'Greenwich Mean Time',
    tz_offset: 0,
    profile: {
      title: '',
      phone: '',
      skype: '',
      real_name: realName,
      real_name_normalized: realName,
      display_name: user.name,
      display_name_normalized: user.name,
      status_text: '',
      status_emoji: '',
      status_expiration: 0,
      avatar_hash: 'g0000000000f',
      ...(user.email !== undefined && { email: user.email }),
      ...images,
      team: identity.team.id,
    },
    is_admin: user.isAdmin ?? false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    updated,
    has_2fa: false,
  };
}

function textTopic(value: string, created: number): JsonObject {
  return { value, creator: value === '' ? '' : 'U0FAKEUSR0', last_set: value === '' ? 0 : created };
}

export function renderChannel(
  channel: ChannelRecord,
  identity: WorkspaceIdentity,
  lastRead: string,
): JsonObject {
  const teamId = identity.team.id;
  return {
    id: channel.id,
    name: channel.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    created: channel.created,
    is_archived: channel.isArchived,
    is_general: false,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: teamId,
    updated: channel.created * 1000,
    parent_conversation: null,
    creator: 'U0FAKEUSR0',
    is_read_only: false,
    is_thread_only: false,
    is_non_threadable: false,
    is_ext_shared: false,
    shared_team_ids: [teamId],
    pending_connected_team_ids: [],
    is_member: channel.isMember,
    last_read: lastRead,
    topic: textTopic(channel.topic, channel.created),
    purpose: textTopic(channel.purpose, channel.created),
    previous_names: [],
  };
}
