import { z } from 'zod';

/**
 * Kubernetes names. Sources, Workflows and Sinks are DNS labels (at most 63
 * characters): their names become label values on WorkflowRuns and parts of
 * webhook paths and Job names.
 */
export const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const dnsSubdomainPattern =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const dnsLabel = z
  .string()
  .min(1)
  .max(63)
  .regex(dnsLabelPattern, "must be a DNS label: lowercase letters, digits and '-'");

export const dnsSubdomain = z
  .string()
  .min(1)
  .max(253)
  .regex(dnsSubdomainPattern, "must be a DNS subdomain: lowercase letters, digits, '-' and '.'");

/** A reference to another punchingfist resource in the same namespace. */
export function localRef(kind: string) {
  return z
    .strictObject({
      name: dnsLabel.describe(`Name of the ${kind} in the same namespace.`),
    })
    .describe(`The ${kind} to use, in the same namespace.`);
}

/** Kubernetes label key: optional DNS-subdomain prefix and a name. */
export const labelKeyPattern =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
export const labelValuePattern = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const labelKey = z
  .string()
  .min(1)
  .max(317)
  .regex(labelKeyPattern, 'must be a Kubernetes label key, e.g. app.kubernetes.io/name');

export const labelValue = z
  .string()
  .max(63)
  .regex(labelValuePattern, 'must be a Kubernetes label value');

/** Slack ids: users U…/W…, user groups S…, channels C…/G… (or `#name`). */
export const slackUserId = z
  .string()
  .max(32)
  .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U012AB3CD');
export const slackUserGroupId = z
  .string()
  .max(32)
  .regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group id such as S0614TZR7');
export const slackChannel = z
  .string()
  .max(81)
  .regex(
    /^(#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{2,30})$/,
    'must be a Slack channel id such as C024BE91L, or #channel-name',
  );
