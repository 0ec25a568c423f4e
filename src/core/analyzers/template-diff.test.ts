import { describe, expect, it } from 'vitest';
import { container, template } from '../../../test/support/fixtures/index.ts';
import { templateDiff } from './template-diff.ts';

describe('templateDiff', () => {
  it('says which image, env, args and resources changed, substantive changes first', () => {
    const before = template({
      containers: [
        container('app', {
          image: 'registry.example/web:1.0',
          args: ['--port=8080'],
          env: [
            { name: 'DB_HOST', value: 'db.payments.svc' },
            { name: 'OLD', value: 'x' },
          ],
          resources: { limits: { memory: '128Mi' } },
        }),
      ],
    });
    const after = template(
      {
        containers: [
          container('app', {
            image: 'registry.example/web:1.1',
            args: ['--port=9090'],
            env: [
              { name: 'DB_HOST', value: 'db.payment.svc' },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            ],
            resources: { limits: { memory: '64Mi' } },
          }),
        ],
      },
      { app: 'web', 'sim.punchingfist.io/fault': 'crashloop' },
    );
    expect(templateDiff(before, after).map((c) => c.text)).toEqual([
      'image of container "app": registry.example/web:1.0 → registry.example/web:1.1',
      'args of container "app": ["--port=8080"] → ["--port=9090"]',
      'env DB_HOST of container "app": "db.payments.svc" → "db.payment.svc"',
      'env OLD of container "app" removed (was "x")',
      'env DB_PASSWORD of container "app" added: Secret db key password',
      'memory limit of container "app": 128Mi → 64Mi',
      'label sim.punchingfist.io/fault added: "crashloop"',
    ]);
  });

  it('is empty for identical templates and ignores the pod-template-hash', () => {
    const a = template({}, { app: 'web', 'pod-template-hash': 'abc' });
    const b = template({}, { app: 'web', 'pod-template-hash': 'def' });
    expect(templateDiff(a, b)).toEqual([]);
  });

  it('reports containers added and a changed nodeSelector', () => {
    const a = template({ containers: [container('app')] });
    const b = template({
      containers: [container('app'), container('sidecar')],
      nodeSelector: { disktype: 'ssd' },
    });
    expect(templateDiff(a, b).map((c) => c.text)).toEqual([
      'container "sidecar" added (registry.example/sidecar:1.0)',
      'nodeSelector added: {"disktype":"ssd"}',
    ]);
  });
});
