import type { CacheControl, MessagesRequest, RequestMessage } from './request-schema.ts';
import { tokensOf } from './token-estimate.ts';

/**
 * A request as the prompt cache sees it: the units of its prefix in API order
 * (tools, then system blocks, then each message's blocks), each with its token
 * cost, a fingerprint that ignores `cache_control`, and the TTL of the
 * breakpoint it carries, if any.
 */
export interface CacheableUnit {
  readonly fingerprint: string;
  readonly tokens: number;
  readonly breakpoint: '5m' | '1h' | undefined;
}

function unit(section: string, content: object, cacheControl: CacheControl | null | undefined) {
  const { cache_control: _ignored, ...rest } = content as { cache_control?: unknown };
  return {
    fingerprint: JSON.stringify([section, rest]),
    tokens: tokensOf(rest),
    breakpoint: cacheControl == null ? undefined : (cacheControl.ttl ?? '5m'),
  } satisfies CacheableUnit;
}

function messageUnits(message: RequestMessage, index: number): CacheableUnit[] {
  const section = `messages.${index}.${message.role}`;
  if (typeof message.content === 'string') {
    return [unit(section, { type: 'text', text: message.content }, undefined)];
  }
  return message.content.map((block) =>
    unit(section, block, 'cache_control' in block ? block.cache_control : undefined),
  );
}

export function cacheableUnits(request: MessagesRequest): CacheableUnit[] {
  const system =
    typeof request.system === 'string'
      ? [{ type: 'text' as const, text: request.system }]
      : (request.system ?? []);
  const units = [
    ...(request.tools ?? []).map((tool) => unit('tools', tool, tool.cache_control)),
    ...system.map((block) =>
      unit('system', block, 'cache_control' in block ? block.cache_control : undefined),
    ),
    ...request.messages.flatMap(messageUnits),
  ];
  return withAutomaticBreakpoint(units, request.cache_control);
}

/** Top-level `cache_control` puts a breakpoint on the last cacheable block. */
function withAutomaticBreakpoint(
  units: CacheableUnit[],
  cacheControl: CacheControl | null | undefined,
): CacheableUnit[] {
  const last = units.at(-1);
  if (cacheControl == null || last === undefined || last.breakpoint !== undefined) return units;
  return [...units.slice(0, -1), { ...last, breakpoint: cacheControl.ttl ?? '5m' }];
}
