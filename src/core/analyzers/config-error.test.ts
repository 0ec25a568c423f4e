import { describe, expect, it } from 'vitest';
import {
  container,
  keysOnly,
  NS,
  pod,
  snapshotOf,
  waiting,
} from '../../../test/support/fixtures/index.ts';
import { analyzeConfigErrors } from './config-error.ts';

const spec = {
  containers: [
    container('app', {
      envFrom: [{ configMapRef: { name: 'checkout-settings' } }],
      env: [
        {
          name: 'DB_PASSWORD',
          valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'passwd' } },
        },
        {
          name: 'TRACING',
          valueFrom: { configMapKeyRef: { name: 'tracing', key: 'url', optional: true } },
        },
      ],
    }),
  ],
};

function stuck(message: string) {
  return pod('checkout-1', {
    spec,
    phase: 'Pending',
    statuses: [waiting('app', 'CreateContainerConfigError', message)],
  });
}

describe('analyzeConfigErrors', () => {
  it('names the ConfigMap that does not exist, verified against what was read', () => {
    const snapshot = snapshotOf({
      pods: [stuck('configmap "checkout-settings" not found')],
      secrets: [keysOnly('Secret', 'db-credentials', ['passwd'])],
      checked: [`ConfigMap/${NS}/checkout-settings`, `Secret/${NS}/db-credentials`],
    });
    const [finding] = analyzeConfigErrors(snapshot);
    expect(finding?.summary).toContain('ConfigMap "checkout-settings" does not exist');
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        object: `ConfigMap/${NS}/checkout-settings`,
        text: `ConfigMap ${NS}/checkout-settings not found`,
      }),
    );
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({ path: 'spec.containers[app].envFrom[0].configMapRef' }),
    );
    expect(finding?.confidence).toBe(0.95);
  });

  it('names the missing key of a Secret that exists, listing the keys it has', () => {
    const snapshot = snapshotOf({
      pods: [stuck(`couldn't find key passwd in Secret ${NS}/db-credentials`)],
      configMaps: [keysOnly('ConfigMap', 'checkout-settings', ['LOG_LEVEL'])],
      secrets: [keysOnly('Secret', 'db-credentials', ['password', 'username'])],
      checked: [`ConfigMap/${NS}/checkout-settings`, `Secret/${NS}/db-credentials`],
    });
    const [finding] = analyzeConfigErrors(snapshot);
    expect(finding?.summary).toContain('Secret "db-credentials" has no key "passwd"');
    expect(finding?.summary).not.toContain('checkout-settings');
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        object: `Secret/${NS}/db-credentials`,
        text: 'keys: password, username (no "passwd")',
      }),
    );
  });

  it("falls back to the kubelet's message when nothing could be checked", () => {
    const [finding] = analyzeConfigErrors(
      snapshotOf({ pods: [stuck('configmap "checkout-settings" not found')] }),
    );
    expect(finding?.summary).toContain('configmap "checkout-settings" not found');
    expect(finding?.confidence).toBeLessThan(0.9);
  });
});
