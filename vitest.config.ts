import { defineConfig } from 'vitest/config';

// Three projects:
//  - unit: pure code and fakes of ports, beside the code (src/**/*.test.ts).
//  - contract: our fakes of Slack and Anthropic driven by the real SDKs,
//    pinned to recorded wire payloads (test/contract).
//  - integration: real Redis, a real Kubernetes API server (kwok), a real
//    Alertmanager/Prometheus, started by the global setup (test/integration).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Files share one cluster and one Redis; each gets its own namespace
          // and key prefix, but two cores do better one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
