import { describe, expect, it } from 'vitest';
import { mentionInputs, parseMention } from './mention-command.ts';

const bot = '<@U0BOT0001>';

describe('parseMention', () => {
  it.each([
    [`${bot} investigate pod/api-7f -n shop`, { kind: 'Pod', name: 'api-7f', namespace: 'shop' }],
    [`${bot} investigate deployment checkout -n shop`, { kind: 'Deployment', name: 'checkout' }],
    [`${bot} investigate deploy/checkout --namespace=shop`, { kind: 'Deployment' }],
    [`${bot} investigate Deployment/shop/checkout`, { namespace: 'shop', name: 'checkout' }],
    [`${bot} investigate node/node-1 -n shop`, { kind: 'Node', namespace: '' }],
  ])('reads %s as an object', (text, expected) => {
    const command = parseMention(text);
    expect(command).toMatchObject({ type: 'investigate', target: { by: 'object' } });
    if (command.type === 'investigate' && command.target.by === 'object') {
      expect(command.target.spec).toMatchObject({ by: 'ref', ...expected });
    }
  });

  it('reads a bare name as a name in the given namespace, or default', () => {
    expect(parseMention(`${bot} investigate checkout -n shop`)).toEqual({
      type: 'investigate',
      target: { by: 'object', spec: { by: 'name', name: 'checkout', namespace: 'shop' } },
    });
    expect(parseMention('investigate checkout')).toMatchObject({
      target: { spec: { namespace: 'default' } },
    });
  });

  it('keeps words that name no object as free text', () => {
    expect(parseMention(`${bot} investigate checkout is slow since 10:00 -n shop`)).toEqual({
      type: 'investigate',
      target: { by: 'text', text: 'checkout is slow since 10:00', namespace: 'shop' },
    });
  });

  it('explains a bad kind or name instead of guessing', () => {
    expect(parseMention('investigate widget/x')).toEqual({
      type: 'invalid',
      message: 'unknown kind "widget"',
    });
    expect(parseMention('investigate secret/db')).toMatchObject({ type: 'invalid' });
    expect(parseMention('investigate -n shop')).toMatchObject({
      type: 'invalid',
      message: expect.stringContaining('What should I investigate?'),
    });
  });

  it('reads ask, help, an empty mention and an unknown verb', () => {
    expect(parseMention(`${bot} ask why is checkout slow?`)).toEqual({
      type: 'ask',
      question: 'why is checkout slow?',
    });
    expect(parseMention(`${bot} ask`)).toMatchObject({ type: 'invalid' });
    expect(parseMention(`${bot} help`)).toEqual({ type: 'help' });
    expect(parseMention(bot)).toEqual({ type: 'help' });
    expect(parseMention(`${bot} reboot everything`)).toMatchObject({
      type: 'invalid',
      message: expect.stringContaining('I do not know "reboot"'),
    });
  });
});

describe('mentionInputs', () => {
  it('gives the Workflow target, kind, name and namespace for an object', () => {
    expect(mentionInputs(parseMention('investigate deployment checkout -n shop'))).toEqual({
      target: 'deployment/checkout',
      kind: 'Deployment',
      name: 'checkout',
      namespace: 'shop',
    });
  });

  it('gives the words as target and question for free text and ask', () => {
    expect(mentionInputs(parseMention('investigate latency is up'))).toEqual({
      target: 'latency is up',
      question: 'latency is up',
    });
    expect(mentionInputs(parseMention('ask what changed?'))).toEqual({
      target: 'what changed?',
      question: 'what changed?',
    });
  });
});
