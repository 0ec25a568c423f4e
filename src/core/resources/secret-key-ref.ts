import { z } from 'zod';
import { dnsSubdomain } from './names.ts';

/** One key of a Secret in the resource's namespace. The value is never stored in the resource. */
export const secretKeyRefSchema = z
  .strictObject({
    name: dnsSubdomain.describe('Name of the Secret, in the same namespace.'),
    key: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[-._a-zA-Z0-9]+$/, "must be a Secret key: letters, digits, '-', '_' and '.'")
      .describe('Key in the Secret whose value is used.'),
  })
  .describe('A key of a Secret in the same namespace.');

export type SecretKeyRef = z.infer<typeof secretKeyRefSchema>;
