import type { KnownBlock } from '@slack/types';
import type { ProgressStep, RunProgress } from '../../../core/run-progress.ts';
import { context, section } from './block-builders.ts';
import { formatDuration } from './chat-format.ts';
import { escapeMrkdwn, slackLimits, truncate } from './slack-limits.ts';

/** The live progress message of a run: one line per step, its latest notes, elapsed time. */
const stepMarks: Readonly<Record<ProgressStep['state'], string>> = {
  running: ':hourglass_flowing_sand:',
  succeeded: ':white_check_mark:',
  failed: ':x:',
  retrying: ':repeat:',
  'awaiting-approval': ':raised_hand:',
};

const phaseMarks: Readonly<Record<string, string>> = {
  Succeeded: ':white_check_mark:',
  Failed: ':x:',
  Cancelled: ':no_entry_sign:',
  AwaitingApproval: ':raised_hand:',
};

function elapsed(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isNaN(ms) ? '' : formatDuration(Math.max(0, ms));
}

function stepLine(step: ProgressStep, now: string): string {
  const time = elapsed(step.startedAt, step.finishedAt ?? now);
  const attempt = step.attempt > 1 ? ` (attempt ${step.attempt})` : '';
  const head = `${stepMarks[step.state]} *${escapeMrkdwn(step.name)}* _${step.type}_${attempt} · ${time}`;
  const detail = step.error ?? step.summary;
  const lines = [head];
  if (detail !== undefined)
    lines.push(`> ${escapeMrkdwn(truncate(detail.replaceAll('\n', ' '), 300))}`);
  if (step.state === 'running' || step.state === 'retrying') {
    const hidden = step.noteCount - step.notes.length;
    if (hidden > 0) lines.push(`   _…${hidden} earlier_`);
    for (const note of step.notes) lines.push(`   ↳ ${escapeMrkdwn(note)}`);
  }
  return lines.join('\n');
}

function headline(progress: RunProgress): string {
  const total = elapsed(progress.startedAt, progress.finished?.at ?? progress.updatedAt);
  if (progress.finished === undefined) return `:gear: *Working on it* · ${total}`;
  const mark = phaseMarks[progress.finished.phase] ?? ':grey_question:';
  return `${mark} *${progress.finished.phase}* · ${total}`;
}

export function progressText(progress: RunProgress): string {
  const state = progress.finished?.phase ?? 'running';
  return truncate(`${progress.title}: ${state}`, slackLimits.headerText);
}

export function progressBlocks(progress: RunProgress): KnownBlock[] {
  const steps = progress.steps.map((s) => stepLine(s, progress.updatedAt));
  const body = steps.length === 0 ? '_waiting for the first step…_' : steps.join('\n');
  const blocks: KnownBlock[] = [
    section(`${headline(progress)}\n${escapeMrkdwn(progress.title)}`),
    section(body),
  ];
  if (progress.finished !== undefined && progress.finished.message !== '') {
    blocks.push(context([escapeMrkdwn(progress.finished.message)]));
  }
  return blocks;
}
