import { describe, expect, it } from 'vitest';
import { workspaceCommand } from './workspace-command.ts';

function io(stop: Promise<void> = Promise.resolve()) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      untilStopped: () => stop,
    },
  };
}

describe('punchingfist workspace', () => {
  it('starts on the given port, prints the page and how to point serve at it, stops', async () => {
    let seen = '';
    const stop = new Promise<void>((resolve) => setTimeout(resolve, 50));
    const run = io(
      stop.then(async () => {
        const url = /Local Slack workspace: (\S+)/.exec(run.out.join(''))?.[1] ?? '';
        seen = await (await fetch(url)).text();
      }),
    );

    const code = await workspaceCommand(
      [
        '--port',
        '0',
        '--bot-url',
        'http://127.0.0.1:8080/slack/events',
        '--signing-secret',
        's3cret',
        '--channel',
        '#alerts',
      ],
      run.io,
    );

    expect(code).toBe(0);
    const banner = run.out.join('');
    expect(banner).toMatch(/SLACK_API_URL=http:\/\/127\.0\.0\.1:\d+\/api\//);
    expect(banner).toContain('SLACK_SIGNING_SECRET=s3cret');
    expect(banner).toContain('bot:            http://127.0.0.1:8080/slack/events');
    expect(seen).toContain('<h1>#incidents</h1>');
    expect(seen).toContain('>alerts</a>');
  });

  it('names a bad flag and exits 2', async () => {
    const port = io();
    const url = io();
    expect(await workspaceCommand(['--port', 'abc'], port.io)).toBe(2);
    expect(await workspaceCommand(['--bot-url', 'not a url'], url.io)).toBe(2);
    expect(await workspaceCommand(['--nope'], io().io)).toBe(2);
    expect(port.err.join('')).toContain('--port');
    expect(url.err.join('')).toContain('--bot-url');
  });
});
