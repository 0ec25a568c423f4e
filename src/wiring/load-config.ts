import * as k8s from '@kubernetes/client-node';
import { type Config, formatConfigProblems, parseConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';

/**
 * The environment parsed once (every problem reported together), and the
 * kubeconfig it names. Kept apart from the composition root so a CLI
 * command loads only what it uses.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = parseConfig(env);
  if (!result.ok) {
    throw new AppError('config_invalid', formatConfigProblems(result.problems), {
      details: { problems: result.problems },
    });
  }
  return result.config;
}

export function loadKubeConfig(config: Config): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  if (config.KUBECONFIG !== undefined) kc.loadFromFile(config.KUBECONFIG);
  else kc.loadFromDefault();
  return kc;
}
