/**
 * Which namespaces the cluster adapter may read: an allow list (empty =
 * all) and a deny list, each entry a name or a `prefix*` pattern. A
 * denied namespace is never read, whatever the caller asks.
 */
export interface NamespacePolicy {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

function matches(pattern: string, namespace: string): boolean {
  return pattern.endsWith('*') ? namespace.startsWith(pattern.slice(0, -1)) : pattern === namespace;
}

export function namespaceAllowed(policy: NamespacePolicy, namespace: string): boolean {
  const allow = policy.allow ?? [];
  if (allow.length > 0 && !allow.some((p) => matches(p, namespace))) return false;
  return !(policy.deny ?? []).some((p) => matches(p, namespace));
}
