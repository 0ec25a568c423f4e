import { describe, expect, it } from 'vitest';
import { defaultWorkspace } from '../default-workspace.ts';
import { resolveIdentity } from '../workspace-options.ts';
import { interpretTyped } from './composer.ts';

const identity = resolveIdentity(defaultWorkspace());

describe('what a person types', () => {
  it('a leading /command is a slash command with the rest as its text', () => {
    expect(interpretTyped('/punchingfist runs --status Failed', identity)).toEqual({
      kind: 'command',
      command: '/punchingfist',
      text: 'runs --status Failed',
    });
    expect(interpretTyped('  /punchingfist', identity)).toEqual({
      kind: 'command',
      command: '/punchingfist',
      text: '',
    });
  });

  it('@punchingfist anywhere becomes the bot’s mention tag (an app_mention)', () => {
    expect(interpretTyped('hey @punchingfist investigate pod/x -n shop', identity)).toEqual({
      kind: 'mention',
      text: 'hey <@U0PFBOT001> investigate pod/x -n shop',
    });
    expect(interpretTyped('<@U0PFBOT001> ask why', identity).kind).toBe('mention');
  });

  it('anything else is a plain message the bot does not hear', () => {
    expect(interpretTyped('looking at it, @punchingfistfan', identity)).toEqual({
      kind: 'message',
      text: 'looking at it, @punchingfistfan',
    });
    expect(interpretTyped('email@punchingfist.io', identity).kind).toBe('message');
  });
});
