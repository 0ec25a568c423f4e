import { z } from 'zod';
import { boundedMap } from './collections.ts';
import { fieldMapping } from './expressions.ts';
import { labelSelectorSchema } from './label-selector.ts';
import { dnsLabel, slackChannel, slackUserGroupId, slackUserId } from './names.ts';

/** Type-specific settings of Sources: api mapping, Kubernetes watch, Slack. */
export const apiMappingSchema = z
  .strictObject({
    mapping: z
      .strictObject({
        summary: fieldMapping.describe('One-line summary of the event (required).'),
        fingerprint: fieldMapping
          .optional()
          .describe('Identity of the event for dedup; default: hash of labels.'),
        severity: fieldMapping.optional(),
        status: fieldMapping.optional().describe('firing or resolved; default firing.'),
        alertname: fieldMapping.optional(),
        namespace: fieldMapping.optional().describe('Namespace of the affected object.'),
        target: fieldMapping
          .optional()
          .describe('Affected object as kind/name, e.g. deployment/checkout.'),
        labels: boundedMap(
          /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/,
          'must be a label name (letters, digits, _)',
          fieldMapping,
          32,
        )
          .optional()
          .describe('Labels of the event, each taken from the body.'),
      })
      .describe(
        'How the JSON body becomes an event: each field a JSONPath or a mustache template.',
      ),
  })
  .describe('Settings of an api Source (a generic JSON webhook).');

const kindName = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9]{0,62}$/, 'must be a Kubernetes kind such as Pod');

export const kubernetesWatchSchema = z
  .strictObject({
    kinds: z
      .array(kindName)
      .min(1)
      .max(16)
      .describe('Kinds of the involved objects to react to, e.g. Pod, Deployment, Node.'),
    reasons: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/, 'must be an event reason such as BackOff'),
      )
      .max(64)
      .optional()
      .describe('Event reasons to react to, e.g. BackOff, FailedScheduling; empty: any.'),
    eventTypes: z
      .array(z.enum(['Warning', 'Normal']))
      .min(1)
      .max(2)
      .default(['Warning'])
      .describe('Event types to react to.'),
    namespaces: z
      .array(dnsLabel)
      .max(64)
      .optional()
      .describe('Namespaces to watch; empty: all the controller may read.'),
    labelSelector: labelSelectorSchema
      .optional()
      .describe('Only events whose involved object has matching labels.'),
  })
  .describe('Settings of a kubernetes Source (a watch of Kubernetes Events).');

export const slackSourceSchema = z
  .strictObject({
    channels: z
      .array(slackChannel)
      .max(100)
      .optional()
      .describe(
        'Channels where mentions and commands start runs; empty: any channel the bot is in.',
      ),
    users: z
      .array(slackUserId)
      .max(200)
      .optional()
      .describe('Users allowed to start runs; empty with no userGroups: anyone.'),
    userGroups: z
      .array(slackUserGroupId)
      .max(50)
      .optional()
      .describe('User groups whose members may start runs.'),
  })
  .describe('Settings of a slack Source (mentions and slash commands).');
