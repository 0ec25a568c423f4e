import { z } from 'zod';
import { boundedMap } from './collections.ts';
import { labelKey, labelValue } from './names.ts';
import { withRules } from './validation-rule.ts';

/** metav1.LabelSelector: matchLabels and matchExpressions, ANDed. */
const requirementSchema = withRules(
  z.strictObject({
    key: labelKey.describe('Label key the requirement applies to.'),
    operator: z
      .enum(['In', 'NotIn', 'Exists', 'DoesNotExist'])
      .describe('In, NotIn, Exists or DoesNotExist.'),
    values: z
      .array(labelValue)
      .max(64)
      .optional()
      .describe('Values for In and NotIn; empty for Exists and DoesNotExist.'),
  }),
  [
    {
      rule: "self.operator in ['In', 'NotIn'] ? (has(self.values) && size(self.values) > 0) : (!has(self.values) || size(self.values) == 0)",
      message: 'values must be non-empty for In and NotIn, and empty for Exists and DoesNotExist',
      fieldPath: '.values',
      check: (r) => {
        const count = r.values?.length ?? 0;
        const needsValues = r.operator === 'In' || r.operator === 'NotIn';
        return needsValues === count > 0 ? [] : [{ path: ['values'] }];
      },
    },
  ],
);

const labelMapKeyPattern = /^([a-z0-9.-]{1,253}\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export const labelSelectorSchema = z
  .strictObject({
    matchLabels: boundedMap(labelMapKeyPattern, 'must be a label key', labelValue, 64)
      .optional()
      .describe('Labels that must be present with exactly these values.'),
    matchExpressions: z
      .array(requirementSchema)
      .max(32)
      .optional()
      .describe('Requirements on labels, all of which must hold.'),
  })
  .describe('A Kubernetes label selector; an empty selector matches everything.');

export type LabelSelector = z.infer<typeof labelSelectorSchema>;
