import type { LabelSelector } from './meta.ts';

type Labels = Readonly<Record<string, string>> | undefined;

/** A Service-style selector: every pair must match; an empty selector selects nothing. */
export function matchesLabels(labels: Labels, selector: Labels): boolean {
  const pairs = Object.entries(selector ?? {});
  return pairs.length > 0 && pairs.every(([key, value]) => labels?.[key] === value);
}

/** A metav1.LabelSelector: matchLabels and matchExpressions; an empty selector selects everything. */
export function matchesSelector(labels: Labels, selector: LabelSelector | undefined): boolean {
  if (selector === undefined) return false;
  const pairs = Object.entries(selector.matchLabels ?? {});
  if (!pairs.every(([key, value]) => labels?.[key] === value)) return false;
  return (selector.matchExpressions ?? []).every((expr) => {
    const value = labels?.[expr.key];
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  });
}

export function formatLabels(labels: Labels): string {
  return Object.entries(labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
