// Finds an interactive element by action_id in a message's Block Kit blocks.
import { isJsonObject, type JsonObject } from './json.ts';

export interface FoundElement {
  element: JsonObject;
  blockId: string;
}

function candidates(block: JsonObject): JsonObject[] {
  const { accessory, elements } = block;
  const inner = Array.isArray(elements) ? elements.filter(isJsonObject) : [];
  return isJsonObject(accessory) ? [accessory, ...inner] : inner;
}

export function findElement(
  blocks: readonly JsonObject[] | undefined,
  actionId: string,
): FoundElement | undefined {
  for (const block of blocks ?? []) {
    const element = candidates(block).find((candidate) => candidate.action_id === actionId);
    if (element !== undefined) {
      return { element, blockId: typeof block.block_id === 'string' ? block.block_id : '' };
    }
  }
  return undefined;
}
