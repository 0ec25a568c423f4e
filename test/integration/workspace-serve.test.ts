// The real bot (`punchingfist serve`, HTTP mode) against the local workspace, driven from
// the page in a real browser: what a person types there reaches serve signed, and serve's
// answers (through SLACK_API_URL and response_urls) show in the page.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { serve } from '../../src/wiring/serve.ts';
import {
  defaultWorkspace,
  type RunningWorkspace,
  startWorkspace,
  WORKSPACE_PEOPLE,
} from '../../src/workspace/index.ts';
import { artifact, launchChromium } from '../support/browser.ts';

const env = inject('testenv');
let workspace: RunningWorkspace;
let running: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  workspace = await startWorkspace(defaultWorkspace());
  // Ingest only: serve's Redis prefix is shared, so nothing here may enqueue a run.
  running = await serve(
    {
      KUBECONFIG: env.KUBECONFIG,
      REDIS_URL: env.REDIS_URL,
      PORT: '0',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: workspace.botToken,
      SLACK_SIGNING_SECRET: workspace.signingSecret,
      SLACK_API_URL: workspace.apiUrl,
    },
    { role: 'ingest', configDir: path.resolve('examples') },
  );
  workspace.setBotUrl(`http://127.0.0.1:${running.port}/slack/events`);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await workspace?.close();
});

describe('serve through the workspace page', () => {
  it('answers /punchingfist help and a mention in a channel no Source lists', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    await page.goto(`${workspace.url}?channel=C0INCIDENT&user=${WORKSPACE_PEOPLE.developer}`);

    await page.fill('#composer textarea', '/punchingfist help');
    await page.press('#composer textarea', 'Enter');
    await page
      .locator('#messages .ephemeral')
      .getByText('/punchingfist workflows')
      .first()
      .waitFor();

    await page.fill('#composer textarea', '@punchingfist investigate deployment/checkout -n shop');
    await page.press('#composer textarea', 'Enter');
    await page.getByText('not set up for punchingfist').waitFor();
    await page.screenshot({ path: artifact('workspace-serve.png') });
    await page.close();
  });
});
