import { down, up } from './testenv.ts';

const [command, ...rest] = process.argv.slice(2);

function flagValue(name: string): string | undefined {
  const i = rest.indexOf(name);
  return i === -1 ? undefined : rest[i + 1];
}

async function main(): Promise<void> {
  if (command === 'up') {
    const webhook = flagValue('--webhook');
    const nodes = flagValue('--nodes');
    const env = await up({
      alerting: rest.includes('--alerting') || webhook !== undefined,
      ...(nodes === undefined ? {} : { nodes: Number(nodes) }),
      ...(webhook === undefined ? {} : { receiver: { url: webhook } }),
    });
    for (const [k, v] of Object.entries(env)) console.log(`${k}=${v}`);
    return;
  }
  if (command === 'down') return down();
  console.error('usage: testenv up [--alerting] [--webhook URL] [--nodes N] | down');
  process.exitCode = 2;
}

main().catch((err: unknown) => {
  console.error('testenv:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
