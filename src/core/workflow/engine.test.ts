import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../events/source-event.ts';
import { type WorkflowSpec, workflowSpecSchema } from '../resources/workflow.ts';
import { evaluateConditional } from './conditional.ts';
import { finishStep, nextMove, resolveApproval, startStep } from './engine.ts';
import type { ExpressionEvaluator } from './expression-evaluator.ts';
import { buildContext } from './run-context.ts';
import type { StepOutcome, StepRecord } from './step-record.ts';

const now = new Date('2026-01-01T00:00:00Z');
const event: SourceEvent = {
  source: { namespace: 'shop', name: 'am', type: 'alertmanager' },
  workflow: 'triage',
  receivedAt: now.toISOString(),
  status: 'firing',
  fingerprint: 'f1',
  title: 'KubePodCrashLooping',
  labels: { severity: 'critical' },
  annotations: {},
  alerts: [],
};
const run = { name: 'triage-1', namespace: 'shop', workflow: 'triage' };

/** Evaluates `a == b` style fixtures by lookup: the expression text is the key. */
const fakeCel = (answers: Record<string, unknown>): ExpressionEvaluator => ({
  evaluate: (expression) =>
    expression in answers ? { ok: true, value: answers[expression] } : { ok: false, error: 'boom' },
  check: () => undefined,
});

const spec = (steps: unknown[]): WorkflowSpec => workflowSpecSchema.parse({ steps });

/** Drives the engine as the worker does; `execute` answers each non-conditional attempt. */
function drive(
  s: WorkflowSpec,
  execute: (name: string, attempt: number) => StepOutcome,
  cel: ExpressionEvaluator = fakeCel({}),
  start: Record<string, StepRecord> = {},
) {
  let records = start;
  const ran: string[] = [];
  for (let i = 0; i < 100; i++) {
    const move = nextMove(s, records);
    if (move.type === 'finish') return { move, records, ran };
    ran.push(`${move.step.name}#${move.attempt}`);
    records = startStep(records, move.step, move.attempt, now);
    const ctx = buildContext(run, event, {}, records);
    const outcome =
      move.step.type === 'conditional'
        ? evaluateConditional(move.step, ctx, cel)
        : execute(move.step.name, move.attempt);
    records = finishStep(s, records, move.step, move.attempt, outcome, now);
  }
  throw new Error('did not finish');
}

const ok = (output: unknown = {}): StepOutcome => ({ type: 'succeeded', output, summary: 'ok' });

describe('the workflow engine', () => {
  it('runs steps in order and succeeds', () => {
    const s = spec([
      { name: 'a', type: 'analyze' },
      { name: 'b', type: 'analyze' },
    ]);
    const { move, ran, records } = drive(s, () => ok());
    expect(move).toMatchObject({ type: 'finish', phase: 'Succeeded' });
    expect(ran).toEqual(['a#1', 'b#1']);
    expect(records.b?.phase).toBe('Succeeded');
  });

  it('retries a failed step as often as its retries allow, then fails the run', () => {
    const s = spec([
      { name: 'a', type: 'analyze', retries: 2 },
      { name: 'b', type: 'analyze' },
    ]);
    const { move, ran, records } = drive(s, () => ({ type: 'failed', error: 'nope' }));
    expect(ran).toEqual(['a#1', 'a#2', 'a#3']);
    expect(move).toEqual({ type: 'finish', phase: 'Failed', message: 'step a failed: nope' });
    expect(records.a).toMatchObject({ phase: 'Failed', attempts: 3 });
    expect(records.b).toBeUndefined();
  });

  it('succeeds after a retry, and does not retry a non-retryable failure', () => {
    const s = spec([{ name: 'a', type: 'analyze', retries: 1 }]);
    expect(
      drive(s, (_, attempt) => (attempt === 1 ? { type: 'failed', error: 'x' } : ok())).ran,
    ).toEqual(['a#1', 'a#2']);
    const fatal = drive(s, () => ({ type: 'failed', error: 'bad', retryable: false }));
    expect(fatal.ran).toEqual(['a#1']);
    expect(fatal.move).toMatchObject({ phase: 'Failed' });
  });

  it('follows a conditional: then to a later step, skipping those between', () => {
    const s = spec([
      // biome-ignore lint/suspicious/noThenProperty: `then` is the conditional step's field in the Workflow API
      { name: 'check', type: 'conditional', expression: 'yes', then: 'last' },
      { name: 'middle', type: 'analyze' },
      { name: 'last', type: 'analyze' },
    ]);
    const { ran, records, move } = drive(s, () => ok(), fakeCel({ yes: true }));
    expect(ran).toEqual(['check#1', 'last#1']);
    expect(records.middle).toMatchObject({ phase: 'Skipped', summary: 'skipped by check' });
    expect(records.check?.output).toEqual({ result: true, next: 'last' });
    expect(move).toMatchObject({ phase: 'Succeeded' });
  });

  it('continues with the next step when the branch taken is unset, and skip ends the run', () => {
    const s = spec([
      // biome-ignore lint/suspicious/noThenProperty: `then` is the conditional step's field in the Workflow API
      { name: 'check', type: 'conditional', expression: 'no', then: 'skip' },
      { name: 'middle', type: 'analyze' },
    ]);
    expect(drive(s, () => ok(), fakeCel({ no: false })).ran).toEqual(['check#1', 'middle#1']);
    const skip = spec([
      // biome-ignore lint/suspicious/noThenProperty: `then` is the conditional step's field in the Workflow API
      { name: 'check', type: 'conditional', expression: 'yes', then: 'skip' },
      { name: 'middle', type: 'analyze' },
      { name: 'end', type: 'analyze' },
    ]);
    const r = drive(skip, () => ok(), fakeCel({ yes: true }));
    expect(r.ran).toEqual(['check#1']);
    expect(r.records.end?.phase).toBe('Skipped');
    expect(r.move).toEqual({
      type: 'finish',
      phase: 'Succeeded',
      message: 'step check ended the run early (skip)',
    });
  });

  it('fails a conditional whose expression errors or is not a bool', () => {
    const s = spec([{ name: 'check', type: 'conditional', expression: 'num', else: 'skip' }]);
    const r = drive(s, () => ok(), fakeCel({ num: 3 }));
    expect(r.move).toMatchObject({ phase: 'Failed' });
    expect(r.records.check?.error).toMatch(/must evaluate to a bool/);
    const broken = drive(s, () => ok(), fakeCel({}));
    expect(broken.records.check?.error).toBe('expression failed: boom');
  });

  it('stops at a step awaiting approval', () => {
    const s = spec([
      { name: 'fix', type: 'remediate', action: 'rollout_restart' },
      { name: 'after', type: 'analyze' },
    ]);
    const r = drive(s, () => ({
      type: 'awaiting-approval',
      output: {},
      summary: 'proposed',
      approval: { proposalId: 'p1', action: 'rollout_restart' },
    }));
    expect(r.move).toMatchObject({ type: 'finish', phase: 'AwaitingApproval' });
    expect(r.ran).toEqual(['fix#1']);
  });

  it('resumes from records: finished steps are not redone, an unfinished attempt runs again', () => {
    const s = spec([
      { name: 'a', type: 'analyze' },
      { name: 'b', type: 'analyze', timeout: '30s' },
    ]);
    const start: Record<string, StepRecord> = {
      a: { name: 'a', type: 'analyze', phase: 'Succeeded', attempts: 1, output: {} },
      b: { name: 'b', type: 'analyze', phase: 'Running', attempts: 1 },
    };
    expect(nextMove(s, start)).toMatchObject({ type: 'run-step', attempt: 1, timeoutMs: 30_000 });
    expect(drive(s, () => ok(), fakeCel({}), start).ran).toEqual(['b#1']);
  });

  describe('a step awaiting approval, resolved by a decision', () => {
    const s = spec([
      { name: 'fix', type: 'remediate', action: 'rollout_restart' },
      { name: 'after', type: 'analyze' },
    ]);
    const waiting = drive(s, () => ({
      type: 'awaiting-approval',
      output: { proposalId: 'p1' },
      summary: 'proposed',
      approval: { proposalId: 'p1', action: 'rollout_restart' },
    })).records;
    const resolve = (outcome: 'succeeded' | 'failed' | 'cancelled', message: string) =>
      resolveApproval(waiting, { step: 'fix', proposalId: 'p1', outcome, message }, now);

    it('succeeded: the step succeeds and the remaining steps run', () => {
      const records = resolve('succeeded', 'rollout_restart verified');
      expect(records.fix).toMatchObject({
        phase: 'Succeeded',
        summary: 'rollout_restart verified',
      });
      const r = drive(s, () => ok(), fakeCel({}), records);
      expect(r.ran).toEqual(['after#1']);
      expect(r.move).toMatchObject({ phase: 'Succeeded' });
    });

    it('failed (or rolled back): the run fails with the outcome, nothing is retried', () => {
      const r = drive(
        s,
        () => ok(),
        fakeCel({}),
        resolve('failed', 'verify timed out; rolled back'),
      );
      expect(r.ran).toEqual([]);
      expect(r.move).toMatchObject({
        phase: 'Failed',
        message: 'step fix failed: verify timed out; rolled back',
      });
    });

    it('dismissed or expired: the step is Cancelled and the run ends Succeeded, saying why', () => {
      const records = resolve('cancelled', 'remediation p1 dismissed by U1');
      expect(records.fix?.phase).toBe('Cancelled');
      const r = drive(s, () => ok(), fakeCel({}), records);
      expect(r.ran).toEqual([]);
      expect(r.move).toEqual({
        type: 'finish',
        phase: 'Succeeded',
        message: 'remediation p1 dismissed by U1',
      });
    });

    it('resolving twice changes nothing the second time', () => {
      const once = resolve('succeeded', 'done');
      const twice = resolveApproval(
        once,
        { step: 'fix', proposalId: 'p1', outcome: 'failed', message: 'x' },
        now,
      );
      expect(twice.fix).toEqual(once.fix);
    });
  });
});
