export { createCelEvaluator } from './cel-evaluator.ts';
export type { ProcessResult, RunJobData } from './process-run.ts';
export {
  type RunWorker,
  startWorker,
  type WorkerDeps,
  type WorkerOptions,
} from './start-worker.ts';
export {
  type CliDeps,
  createStepExecutors,
  type StepExecutors,
  type StepExecutorsDeps,
} from './steps/index.ts';
