import { describe, expect, it } from 'vitest';
import { parseSlashCommand, splitWords } from './slash-command.ts';

describe('parseSlashCommand', () => {
  it.each([
    ['', { type: 'help' }],
    ['help', { type: 'help' }],
    ['workflows', { type: 'workflows' }],
    ['runs', { type: 'runs', limit: 10 }],
    ['runs --status failed --limit 5', { type: 'runs', status: 'Failed', limit: 5 }],
    ['run investigate', { type: 'run', workflow: 'investigate', inputs: {} }],
    [
      'run investigate target=deploy/checkout namespace=shop',
      {
        type: 'run',
        workflow: 'investigate',
        inputs: { target: 'deploy/checkout', namespace: 'shop' },
      },
    ],
    [
      'run ask question="why is it slow" x=a=b',
      { type: 'run', workflow: 'ask', inputs: { question: 'why is it slow', x: 'a=b' } },
    ],
    ['status investigate-m1x2', { type: 'status', run: 'investigate-m1x2' }],
    ['approve p-123', { type: 'decide', kind: 'approve', proposal: 'p-123' }],
    ['deny p-123', { type: 'decide', kind: 'dismiss', proposal: 'p-123' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseSlashCommand(text)).toEqual(expected);
  });

  it.each([
    ['runs --status sleeping', 'Unknown status "sleeping"'],
    ['runs --limit 0', '--limit must be a whole number from 1 to 50'],
    ['runs --limit', '`--limit` needs a value'],
    ['runs --owner me', 'Unknown option "--owner"'],
    ['run', 'Which Workflow?'],
    ['run Bad_Name', '"Bad_Name" is not a Workflow name'],
    ['run investigate target', '"target" is not key=value'],
    ['run investigate =x', '"=x" is not key=value'],
    ['status', 'Give exactly one run name'],
    ['approve a b', 'Give exactly one proposal id'],
    ['workflows all', '`workflows` takes no arguments'],
    ['reboot', 'Unknown subcommand "reboot"'],
  ])('explains "%s"', (text, message) => {
    const command = parseSlashCommand(text);
    expect(command.type).toBe('invalid');
    if (command.type === 'invalid') {
      expect(command.message).toContain(message);
      expect(command.message).toContain('/punchingfist run <workflow>');
    }
  });
});

describe('splitWords', () => {
  it('keeps quoted parts together and drops the quotes', () => {
    expect(splitWords('a  b="c d" "e f"')).toEqual(['a', 'b=c d', 'e f']);
  });
});
