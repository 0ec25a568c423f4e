// Every Web API method the workspace serves.
import { chatMethods } from './chat-methods.ts';
import { directoryMethods } from './directory-methods.ts';
import { fileMethods } from './file-methods.ts';
import { historyMethods } from './history-methods.ts';
import type { MethodSpec } from './method-types.ts';
import { reactionMethods } from './reaction-methods.ts';

export const METHODS: Readonly<Record<string, MethodSpec>> = {
  ...chatMethods,
  ...reactionMethods,
  ...directoryMethods,
  ...fileMethods,
  ...historyMethods,
};
