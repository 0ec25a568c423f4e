import { z } from 'zod';
import { apiVersion } from './api-group.ts';
import { type NameFormat, objectMeta } from './metadata.ts';

/** The envelope every punchingfist resource shares: apiVersion, kind, metadata, spec, status. */
export function resourceSchema<K extends string, Spec extends z.ZodType, Status extends z.ZodType>(
  kind: K,
  nameFormat: NameFormat,
  spec: Spec,
  status: Status,
) {
  return z.strictObject({
    apiVersion: z.literal(apiVersion),
    kind: z.literal(kind),
    metadata: objectMeta(nameFormat),
    spec,
    status: status.optional(),
  });
}
