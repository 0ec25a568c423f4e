import { z } from 'zod';
import { dnsLabel, dnsSubdomain } from './names.ts';

/**
 * The `metadata` of a resource as a person writes it in a file loaded with
 * `--config` (or as the API server returns it: other fields pass through).
 */
export type NameFormat = 'dns-label' | 'dns-subdomain';

export function objectMeta(nameFormat: NameFormat) {
  return z.looseObject({
    name: nameFormat === 'dns-label' ? dnsLabel : dnsSubdomain,
    namespace: dnsLabel.optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generation: z.number().int().optional(),
    creationTimestamp: z.string().optional(),
  });
}

export type ObjectMeta = z.infer<ReturnType<typeof objectMeta>>;
