import type { MessagesRequest, RequestContentBlock, RequestMessage } from './request-schema.ts';

/**
 * The rules the real API enforces beyond the body's schema, worded as it words
 * them (the tool-pairing messages are copied from recorded 400s, see
 * test/fixtures/anthropic/README.md). Returns the first violation, if any.
 */
export function requestRuleViolation(request: MessagesRequest): string | undefined {
  return (
    duplicateToolName(request) ??
    tooManyCacheBreakpoints(request) ??
    orphanToolResult(request.messages) ??
    unansweredToolUse(request.messages)
  );
}

const MAX_CACHE_BREAKPOINTS = 4;

function blocksOf(message: RequestMessage | undefined): readonly RequestContentBlock[] {
  return message === undefined || typeof message.content === 'string' ? [] : message.content;
}

function toolUseIds(message: RequestMessage | undefined): ReadonlySet<string> {
  if (message?.role !== 'assistant') return new Set();
  return new Set(
    blocksOf(message).flatMap((block) => (block.type === 'tool_use' ? [block.id] : [])),
  );
}

function duplicateToolName(request: MessagesRequest): string | undefined {
  const names = (request.tools ?? []).map((tool) => tool.name);
  return new Set(names).size === names.length ? undefined : 'tools: Tool names must be unique.';
}

function tooManyCacheBreakpoints(request: MessagesRequest): string | undefined {
  const marked = [
    ...(request.tools ?? []),
    ...(typeof request.system === 'string' ? [] : (request.system ?? [])),
    ...request.messages.flatMap(blocksOf),
  ].filter((item) => 'cache_control' in item && item.cache_control != null).length;
  return marked > MAX_CACHE_BREAKPOINTS
    ? `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${marked}.`
    : undefined;
}

function orphanToolResult(messages: readonly RequestMessage[]): string | undefined {
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user') continue;
    const expected = toolUseIds(messages[index - 1]);
    for (const [position, block] of blocksOf(message).entries()) {
      if (block.type === 'tool_result' && !expected.has(block.tool_use_id)) {
        return (
          `messages.${index}.content.${position}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ` +
          `${block.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`
        );
      }
    }
  }
  return undefined;
}

function unansweredToolUse(messages: readonly RequestMessage[]): string | undefined {
  for (const [index, message] of messages.entries()) {
    const answered = new Set(
      blocksOf(messages[index + 1]).flatMap((block) =>
        block.type === 'tool_result' ? [block.tool_use_id] : [],
      ),
    );
    const missing = [...toolUseIds(message)].filter((id) => !answered.has(id));
    if (missing.length > 0) {
      return (
        `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ` +
        `${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`
      );
    }
  }
  return undefined;
}
