export { createCelEvaluator } from '../../adapters/cel/cel-evaluator.ts';
export {
  type RunWorker,
  startWorker,
  type WorkerDeps,
  type WorkerOptions,
} from '../../adapters/redis/run-worker.ts';
export {
  type CliDeps,
  createStepExecutors,
  type StepExecutors,
  type StepExecutorsDeps,
} from '../../wiring/step-executors.ts';
export type { ProcessResult, RunJobData } from './process-run.ts';
