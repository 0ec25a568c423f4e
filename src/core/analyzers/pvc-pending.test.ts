import { describe, expect, it } from 'vitest';
import {
  container,
  event,
  NS,
  pendingPod,
  pvc,
  snapshotOf,
  storageClass,
} from '../../../test/support/fixtures/index.ts';
import { analyzePendingClaims } from './pvc-pending.ts';

describe('analyzePendingClaims', () => {
  it('names a StorageClass that does not exist, with the provisioning event and the pods waiting', () => {
    const user = pendingPod(
      'db-0',
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      {
        spec: {
          containers: [container('db')],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
        },
      },
    );
    const [finding] = analyzePendingClaims(
      snapshotOf({
        pvcs: [pvc('data', 'fast-ssd')],
        storageClasses: [storageClass('standard', true)],
        pods: [user],
        events: [
          event(
            { kind: 'PersistentVolumeClaim', name: 'data' },
            'ProvisioningFailed',
            'storageclass.storage.k8s.io "fast-ssd" not found',
          ),
        ],
        checked: ['StorageClass/*'],
      }),
    );
    expect(finding?.object).toBe(`PersistentVolumeClaim/${NS}/data`);
    expect(finding?.summary).toContain(
      'StorageClass "fast-ssd" does not exist (available: standard)',
    );
    expect(finding?.affected).toEqual([`Pod/${NS}/db-0`]);
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        source: 'event',
        text: 'Warning ProvisioningFailed: storageclass.storage.k8s.io "fast-ssd" not found',
      }),
    );
    expect(finding?.confidence).toBe(0.95);
  });

  it('blames a missing default StorageClass only when the classes were listed', () => {
    const claim = pvc('logs');
    const listed = analyzePendingClaims(snapshotOf({ pvcs: [claim], checked: ['StorageClass/*'] }));
    expect(listed[0]?.summary).toContain('no default one (none exist)');
    const unlisted = analyzePendingClaims(snapshotOf({ pvcs: [claim] }));
    expect(unlisted[0]?.summary).toContain('no PersistentVolume has been bound');
    expect(unlisted[0]?.confidence).toBe(0.5);
  });
});
