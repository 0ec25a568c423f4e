import type { Source } from '../resources/source.ts';

/**
 * Which slack Source a channel belongs to, and who may start runs through
 * it. A Source listing the channel (by id or #name) wins over one that
 * accepts any channel; ties go to the first by namespace/name, so every
 * replica picks the same one.
 */
export interface ChannelRef {
  readonly id: string;
  /** Without '#'; known when the channel could be looked up. */
  readonly name?: string;
}

export type SlackSource = Source & { readonly spec: Extract<Source['spec'], { type: 'slack' }> };

function isSlack(source: Source): source is SlackSource {
  return source.spec.type === 'slack';
}

function lists(source: SlackSource, channel: ChannelRef): boolean {
  const channels = source.spec.slack.channels ?? [];
  return channels.some(
    (c) => c === channel.id || (channel.name !== undefined && c === `#${channel.name}`),
  );
}

function acceptsAny(source: SlackSource): boolean {
  return (source.spec.slack.channels ?? []).length === 0;
}

const keyOf = (s: Source) => `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`;

export function slackSourceFor(
  sources: readonly Source[],
  channel: ChannelRef,
): SlackSource | undefined {
  const slack = sources.filter(isSlack).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return slack.find((s) => lists(s, channel)) ?? slack.find(acceptsAny);
}

/** Whether any slack Source names channels by #name (then the channel's name must be looked up). */
export function needsChannelName(sources: readonly Source[]): boolean {
  return sources
    .filter(isSlack)
    .some((s) => (s.spec.slack.channels ?? []).some((c) => c.startsWith('#')));
}

/** The user groups a Source's start rule names (to resolve the user's membership). */
export function startGroups(source: SlackSource): readonly string[] {
  return source.spec.slack.userGroups ?? [];
}

/** No users and no groups: anyone in the channel; otherwise a listed user or group member. */
export function mayStartRuns(
  source: SlackSource,
  user: string,
  userGroups: readonly string[],
): boolean {
  const users = source.spec.slack.users ?? [];
  const groups = source.spec.slack.userGroups ?? [];
  if (users.length === 0 && groups.length === 0) return true;
  return users.includes(user) || groups.some((g) => userGroups.includes(g));
}
