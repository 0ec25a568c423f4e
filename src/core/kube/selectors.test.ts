import { describe, expect, it } from 'vitest';
import { parseImage } from './image.ts';
import { kindFromAlias } from './kinds.ts';
import { matchesLabels, matchesSelector } from './selectors.ts';

describe('label selectors', () => {
  it('matches a Service selector pair by pair, and never with an empty one', () => {
    expect(matchesLabels({ app: 'web', tier: 'fe' }, { app: 'web' })).toBe(true);
    expect(matchesLabels({ app: 'web' }, { app: 'web', tier: 'fe' })).toBe(false);
    expect(matchesLabels({ app: 'web' }, {})).toBe(false);
  });

  it('matches matchLabels and matchExpressions', () => {
    const selector = {
      matchLabels: { app: 'db' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['primary', 'replica'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    };
    expect(matchesSelector({ app: 'db', tier: 'replica' }, selector)).toBe(true);
    expect(matchesSelector({ app: 'db', tier: 'replica', canary: 'y' }, selector)).toBe(false);
    expect(matchesSelector({ app: 'db', tier: 'cache' }, selector)).toBe(false);
    expect(matchesSelector({ anything: 'x' }, {})).toBe(true);
  });
});

describe('kind aliases and images', () => {
  it('knows kubectl’s names for kinds', () => {
    expect(['po', 'pods', 'Pod'].map(kindFromAlias)).toEqual(['Pod', 'Pod', 'Pod']);
    expect(
      ['deploy', 'deployments.apps', 'hpa', 'storageclasses', 'pvc', 'no'].map(kindFromAlias),
    ).toEqual([
      'Deployment',
      'Deployment',
      'HorizontalPodAutoscaler',
      'StorageClass',
      'PersistentVolumeClaim',
      'Node',
    ]);
    expect(kindFromAlias('widgets')).toBeUndefined();
  });

  it('splits an image into repository, tag and digest, with a registry port', () => {
    expect(parseImage('registry.example:5000/shop/web:1.2')).toEqual({
      repository: 'registry.example:5000/shop/web',
      tag: '1.2',
    });
    expect(parseImage('nginx')).toEqual({ repository: 'nginx', tag: 'latest' });
    expect(parseImage('web@sha256:abc')).toEqual({
      repository: 'web',
      tag: 'latest',
      digest: 'sha256:abc',
    });
  });
});
