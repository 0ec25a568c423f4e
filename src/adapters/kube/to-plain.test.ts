import { describe, expect, it } from 'vitest';
import { toKeysOnly, toPlain } from './to-plain.ts';

describe('toKeysOnly', () => {
  it('keeps the name and key names of a Secret and nothing of its values, annotations included', () => {
    const secret = {
      metadata: {
        name: 'db-credentials',
        namespace: 'shop',
        creationTimestamp: new Date('2026-11-22T03:00:00Z'),
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"data":{"password":"aHVudGVyMg=="}}',
        },
      },
      type: 'Opaque',
      data: { password: 'aHVudGVyMg==', username: 'YXBw' },
      stringData: { token: 'hunter2' },
    };
    const projected = toKeysOnly('Secret', secret);
    expect(projected).toEqual({
      kind: 'Secret',
      metadata: {
        name: 'db-credentials',
        namespace: 'shop',
        creationTimestamp: '2026-11-22T03:00:00.000Z',
      },
      type: 'Opaque',
      keys: ['password', 'token', 'username'],
    });
    const text = JSON.stringify(projected);
    for (const secretValue of ['aHVudGVyMg==', 'YXBw', 'hunter2', 'last-applied'])
      expect(text).not.toContain(secretValue);
  });
});

describe('toPlain', () => {
  it('turns dates into strings and drops nulls and managedFields', () => {
    const plain = toPlain({
      metadata: {
        name: 'x',
        creationTimestamp: new Date('2026-11-22T03:00:00Z'),
        managedFields: [{ manager: 'kubectl' }],
      },
      status: { message: null },
    });
    expect(plain).toEqual({
      metadata: { name: 'x', creationTimestamp: '2026-11-22T03:00:00.000Z' },
      status: {},
    });
  });
});
