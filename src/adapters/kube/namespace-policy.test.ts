import { describe, expect, it } from 'vitest';
import { namespaceAllowed } from './namespace-policy.ts';

describe('namespaceAllowed', () => {
  it('allows everything by default', () => {
    expect(namespaceAllowed({}, 'kube-system')).toBe(true);
  });

  it('applies the allow list, then the deny list, with prefix patterns', () => {
    const policy = { allow: ['shop', 'team-*'], deny: ['team-secret'] };
    expect(namespaceAllowed(policy, 'shop')).toBe(true);
    expect(namespaceAllowed(policy, 'team-a')).toBe(true);
    expect(namespaceAllowed(policy, 'team-secret')).toBe(false);
    expect(namespaceAllowed(policy, 'shopping')).toBe(false);
    expect(namespaceAllowed({ deny: ['kube-*'] }, 'kube-system')).toBe(false);
  });
});
