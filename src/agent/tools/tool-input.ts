import { z } from 'zod';
import { type KindName, kindFromAlias, kindNames } from '../../core/kube/kinds.ts';

/** Input pieces shared by the cluster tools: a kind (aliases such as `deploy`, `po` accepted), a name, a namespace. */
export const kindInput = z
  .string()
  .min(1)
  .max(64)
  .transform((v, ctx): KindName => {
    const kind = kindFromAlias(v);
    if (kind === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown kind "${v}"; one of ${kindNames.join(', ')}`,
      });
      return z.NEVER;
    }
    return kind;
  })
  .describe(`Kind: ${kindNames.join(', ')} (aliases like deploy, po, svc work)`);

export const nameInput = z.string().min(1).max(253).describe('Object name');
export const namespaceInput = z
  .string()
  .min(1)
  .max(63)
  .describe('Namespace (omit for cluster-scoped kinds)');
