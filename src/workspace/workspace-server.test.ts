import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWorkspace, WORKSPACE_PEOPLE } from './default-workspace.ts';
import { type RunningWorkspace, startWorkspace } from './workspace-server.ts';

let workspace: RunningWorkspace;

beforeEach(async () => {
  workspace = await startWorkspace(defaultWorkspace());
});

afterEach(async () => {
  await workspace.close();
});

function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(new URL(path, workspace.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the workspace page’s server', () => {
  it('serves the page with a strict Content-Security-Policy, listing channels and people', async () => {
    const response = await fetch(workspace.url);
    const html = await response.text();

    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('>incidents</a>');
    expect(html).toContain('Dana (on call)</option>');
    expect(html).toContain('Sam (developer)</option>');
    expect(html).not.toContain('punchingfist</option>');
  });

  it('a plain message typed in the page lands in the channel; the bot is not needed', async () => {
    const response = await postJson('/ui/post', {
      channel: 'C0INCIDENT',
      user: WORKSPACE_PEOPLE.developer,
      text: 'looking',
    });

    expect(await response.json()).toMatchObject({ ok: true, delivered: 'posted' });
    expect(workspace.state.messages('C0INCIDENT').map((m) => m.text)).toEqual(['looking']);
  });

  it('a mention without a bot connected says how to connect one, and posts nothing', async () => {
    const response = await postJson('/ui/post', {
      channel: 'C0INCIDENT',
      user: WORKSPACE_PEOPLE.developer,
      text: '@punchingfist investigate pod/x',
    });

    expect(response.status).toBe(409);
    expect((await response.json()) as { error: string }).toMatchObject({
      error: expect.stringContaining('--bot-url'),
    });
    expect(workspace.state.messages()).toEqual([]);
  });

  it('refuses bodies a cross-site form could send, and names bad fields', async () => {
    const form = await fetch(new URL('/ui/action', workspace.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"channel":"C0INCIDENT"}',
    });
    const bad = await postJson('/ui/action', {
      channel: 'C0INCIDENT',
      user: 'U0ONCALL01',
      ts: 'x',
      actionId: 'a',
    });

    expect(form.status).toBe(400);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('ts');
  });

  it('answers the page only to loopback host names (no DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL('/ui/view', workspace.url),
        { headers: { host: 'evil.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('pushes a change event when a message is posted through the Web API', async () => {
    const controller = new AbortController();
    const events = await fetch(new URL('/ui/events', workspace.url), { signal: controller.signal });
    const reader = events.body?.getReader();
    const first = await reader?.read();
    await fetch(`${workspace.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${workspace.botToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ channel: 'C0INCIDENT', text: 'hello' }),
    });
    const second = await reader?.read();
    controller.abort();

    expect(new TextDecoder().decode(first?.value)).toBe('data: 0\n\n');
    expect(new TextDecoder().decode(second?.value)).toBe('data: 1\n\n');
  });

  it('serves an uploaded SVG as text, sandboxed: a file cannot run script in the page', async () => {
    const svg = '<svg onload="alert(1)"/>';
    const minted = await fetch(`${workspace.apiUrl}files.getUploadURLExternal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${workspace.botToken}` },
      body: new URLSearchParams({ filename: 'page.svg', length: String(svg.length) }),
    });
    const { upload_url, file_id } = (await minted.json()) as {
      upload_url: string;
      file_id: string;
    };
    await fetch(upload_url, { method: 'POST', body: svg });

    const response = await fetch(new URL(`/files/${file_id}`, workspace.url));

    expect(await response.text()).toBe(svg);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
  });
});
