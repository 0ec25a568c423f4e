// Debian's chromium, headless, driven by playwright-core (which downloads no browser of
// its own). Screenshots go to test-results/ (gitignored), kept as test artifacts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test-results');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Running as root in a container: chromium's sandbox needs user namespaces.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export function artifact(name: string): string {
  return join(ARTIFACTS, name);
}
