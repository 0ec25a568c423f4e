import { describe, expect, it } from 'vitest';
import { actionNames } from '../investigation/actions.ts';
import { actionCatalogue, formatActionTarget, parseActionTarget } from './catalogue.ts';
import { parsePermission } from './rbac-rules.ts';

describe('actionCatalogue', () => {
  it('defines every action of the proposal schema, under its own name', () => {
    expect(Object.keys(actionCatalogue).sort()).toEqual([...actionNames].sort());
    for (const name of actionNames) expect(actionCatalogue[name].name).toBe(name);
  });

  it('writes every RBAC entry as "verb resource[/subresource] (apiGroup)"', () => {
    for (const def of Object.values(actionCatalogue)) {
      for (const rule of def.rbac) expect(() => parsePermission(rule)).not.toThrow();
    }
  });

  it('rates draining a node highest and gives the reversible actions an inverse', () => {
    expect(actionCatalogue.drain_node.risk).toBe('high');
    expect(actionCatalogue.scale.hasInverse).toBe(true);
    expect(actionCatalogue.delete_job.hasInverse).toBe(false);
    expect(actionCatalogue.restart_pod.hasInverse).toBe(false);
  });
});

describe('parseActionTarget', () => {
  it('reads Kind/namespace/name and Node/name', () => {
    expect(parseActionTarget('scale', 'Deployment/shop/web')).toEqual({
      ok: true,
      target: { kind: 'Deployment', namespace: 'shop', name: 'web' },
    });
    expect(parseActionTarget('cordon_node', 'Node/node-000001')).toEqual({
      ok: true,
      target: { kind: 'Node', namespace: '', name: 'node-000001' },
    });
  });

  it('refuses a kind the action does not act on, naming the kinds it does', () => {
    expect(parseActionTarget('scale', 'DaemonSet/shop/agent')).toEqual({
      ok: false,
      message:
        'scale acts on Deployment, StatefulSet, not on "DaemonSet" (target "DaemonSet/shop/agent")',
    });
    expect(parseActionTarget('rollback', 'deploy/web')).toMatchObject({
      ok: false,
      message: expect.stringContaining('rollback acts on Deployment, not on "deploy"'),
    });
  });

  it('says which shape is expected when parts are missing or extra', () => {
    expect(parseActionTarget('scale', 'Deployment/web')).toEqual({
      ok: false,
      message: 'target "Deployment/web" must be Deployment/<namespace>/<name>',
    });
    expect(parseActionTarget('drain_node', 'Node/default/n1')).toEqual({
      ok: false,
      message: 'target "Node/default/n1" must be Node/<name>',
    });
    expect(parseActionTarget('delete_job', 'Job//x')).toMatchObject({ ok: false });
  });

  it('refuses names Kubernetes would not accept', () => {
    expect(parseActionTarget('restart_pod', 'Pod/shop/Web_1')).toEqual({
      ok: false,
      message:
        'target "Pod/shop/Web_1": name "Web_1" is not a valid Kubernetes name (lowercase letters, digits, "-" and ".")',
    });
    expect(parseActionTarget('restart_pod', 'Pod/shop.prod/web-1')).toMatchObject({
      ok: false,
      message: expect.stringContaining('namespace "shop.prod" is not a valid namespace name'),
    });
  });

  it('formats a parsed target back to the same text', () => {
    for (const text of ['Deployment/shop/web', 'Node/node-1', 'HorizontalPodAutoscaler/a/b']) {
      const action = text.startsWith('Node')
        ? 'cordon_node'
        : text.startsWith('Dep')
          ? 'scale'
          : 'update_hpa';
      const parsed = parseActionTarget(action, text);
      expect(parsed.ok && formatActionTarget(parsed.target)).toBe(text);
    }
  });
});
