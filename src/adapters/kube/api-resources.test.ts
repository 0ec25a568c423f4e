import { describe, expect, it } from 'vitest';
import { refusal } from './api-resources.ts';

describe('refusal (what the custom-resource reads never touch)', () => {
  it('refuses the core group, sending the caller to the typed tools', () => {
    expect(refusal({ group: '', version: 'v1', plural: 'configmaps' })).toContain('get_resource');
    expect(refusal({ group: 'core', version: 'v1', plural: 'pods' })).toContain('get_resource');
  });

  it('refuses anything named like a secret, in any group', () => {
    expect(refusal({ group: 'bitnami.com', version: 'v1alpha1', plural: 'sealedsecrets' })).toBe(
      'sealedsecrets may hold secret data and is never read',
    );
    expect(
      refusal({ group: 'external-secrets.io', version: 'v1beta1', plural: 'externalsecrets' }),
    ).toBeDefined();
  });

  it('lets custom resources and ControllerRevisions through', () => {
    expect(refusal({ group: 'cert-manager.io', version: 'v1', plural: 'certificates' })).toBe(
      undefined,
    );
    expect(refusal({ group: 'apps', version: 'v1', plural: 'controllerrevisions' })).toBe(
      undefined,
    );
  });
});
