import { describe, expect, it } from 'vitest';
import { makeFinding } from '../analyzers/finding.ts';
import { buildReport } from './build-report.ts';
import { rank } from './rank.ts';
import type { Category, Finding } from './report.ts';

function finding(
  category: Category,
  object: string,
  affected: string[] = [],
  severity: Finding['severity'] = 'high',
): Finding {
  return makeFinding({
    category,
    severity,
    object,
    summary: `${category} on ${object}`,
    evidence: [{ source: 'field', object, text: category }],
    affected,
    confidence: 0.8,
  });
}

describe('rank', () => {
  it('puts the cause first and marks what it explains', () => {
    const pvc = finding('PVCPending', 'PersistentVolumeClaim/shop/data', ['Pod/shop/db-0']);
    const pending = finding('Unschedulable', 'StatefulSet/shop/db', ['Pod/shop/db-0']);
    const mismatch = finding('ReplicasMismatch', 'StatefulSet/shop/db', ['Pod/shop/db-0']);
    const { findings, roots } = rank([mismatch, pending, pvc], 'StatefulSet/shop/db');
    expect(roots).toEqual([pvc]);
    expect(findings.map((f) => [f.category, f.explainedBy])).toEqual([
      ['PVCPending', undefined],
      ['Unschedulable', pvc.id],
      ['ReplicasMismatch', pvc.id],
    ]);
  });

  it('does not let a NotReady node explain a pod’s missing config, only its unreadiness', () => {
    const node = finding('NodeNotReady', 'Node/node-2', ['Pod/shop/a', 'Pod/shop/b'], 'critical');
    const config = finding('CreateContainerConfigError', 'Pod/shop/a', ['Pod/shop/a']);
    const unready = finding('ProbeFailure', 'Pod/shop/b', ['Pod/shop/b']);
    const { roots, findings } = rank([config, unready, node], 'Node/node-2');
    expect(roots.map((f) => f.category)).toEqual(['NodeNotReady', 'CreateContainerConfigError']);
    expect(findings.find((f) => f.category === 'ProbeFailure')?.explainedBy).toBe(node.id);
  });

  it('ranks a Service whose selector matches nothing above the symptoms of its would-be pods', () => {
    const selector = finding('ServiceNoEndpoints', 'Service/shop/checkout');
    const mismatch = finding('ReplicasMismatch', 'Deployment/shop/checkout', [], 'critical');
    expect(rank([mismatch, selector], 'Service/shop/checkout').findings[0]).toBe(selector);
  });
});

describe('buildReport', () => {
  it('lowers the confidence when other serious problems compete or reads failed', () => {
    const a = finding('ImagePullBackOff', 'Deployment/shop/a');
    const b = finding('OOMKilled', 'Deployment/shop/b');
    const input = {
      target: 'Namespace/shop',
      partial: false,
      warnings: [],
      durationMs: 12.4,
      checkedObjects: 9,
    };
    const alone = buildReport({ ...input, ranking: rank([a], 'Namespace/shop') });
    const competing = buildReport({ ...input, ranking: rank([a, b], 'Namespace/shop') });
    const partial = buildReport({
      ...input,
      partial: true,
      warnings: ['could not read Pods'],
      ranking: rank([a], 'Namespace/shop'),
    });
    expect([alone.confidence, competing.confidence, partial.confidence]).toEqual([0.8, 0.68, 0.64]);
    expect(alone).toMatchObject({
      rootCause: a.summary,
      durationMs: 12,
      summary: 'ImagePullBackOff on Deployment/shop/a; no safe action to propose',
    });
  });
});
