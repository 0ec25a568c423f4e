import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';
import { slackLimits, truncate } from './slack-limits.ts';

/** Small Block Kit constructors that cut text to Slack's limits. */
export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(text, slackLimits.headerText), emoji: true },
  };
}

export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: mrkdwnText(truncate(mrkdwn, slackLimits.sectionText)) };
}

/** A section of two-column fields; at most 10 fields, each cut to 2000 characters. */
export function fields(items: readonly string[]): SectionBlock {
  return {
    type: 'section',
    fields: items
      .slice(0, slackLimits.fieldsPerSection)
      .map((item) => mrkdwnText(truncate(item, slackLimits.sectionField))),
  };
}

export function context(items: readonly string[]): ContextBlock {
  return {
    type: 'context',
    elements: items
      .slice(0, slackLimits.contextElements)
      .map((item) => mrkdwnText(truncate(item, slackLimits.sectionField))),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements };
}

export function button(
  actionId: string,
  label: string,
  value: string,
  style?: 'primary' | 'danger',
): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(label, slackLimits.buttonText), emoji: true },
    value,
    ...(style === undefined ? {} : { style }),
  };
}

function mrkdwnText(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text: text === '' ? ' ' : text };
}
