import { describe, expect, it } from 'vitest';
import { parseInvestigateArgs } from './investigate-args.ts';

describe('parseInvestigateArgs', () => {
  it('reads the target and every option', () => {
    expect(
      parseInvestigateArgs([
        'deploy/web',
        '-n',
        'shop',
        '--json',
        '--llm',
        'none',
        '--kubeconfig',
        '/tmp/kc',
        '--context',
        'prod',
      ]),
    ).toEqual({
      ok: true,
      args: {
        target: 'deploy/web',
        namespace: 'shop',
        json: true,
        llm: 'none',
        kubeconfig: '/tmp/kc',
        context: 'prod',
      },
    });
    expect(parseInvestigateArgs(['web'])).toEqual({
      ok: true,
      args: { target: 'web', json: false, llm: 'none' },
    });
  });

  it('explains usage mistakes', () => {
    expect(parseInvestigateArgs([])).toMatchObject({
      ok: false,
      help: false,
      message: 'investigate needs a target, e.g. deploy/web',
    });
    expect(parseInvestigateArgs(['a', 'b'])).toMatchObject({
      ok: false,
      message: 'one target at a time (got a, b)',
    });
    expect(parseInvestigateArgs(['a', '--llm', 'gpt'])).toMatchObject({
      ok: false,
      message: '--llm must be one of none, anthropic, openai (got "gpt")',
    });
    expect(parseInvestigateArgs(['a', '--frobnicate'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--frobnicate'),
    });
    expect(parseInvestigateArgs(['--help'])).toMatchObject({ ok: false, help: true });
  });
});
