import https from 'node:https';
import * as k8s from '@kubernetes/client-node';

/**
 * Per-request options of the adapter: a timeout on every request, and one
 * keep-alive HTTPS agent per adapter instead of the client's new agent
 * (and TLS handshake) per request — which made 15 parallel reads cost
 * as much as 15 sequential ones. The shared agent copies the TLS options
 * of the first agent the client built (CA, client certificate), which are
 * the same for every request of one kubeconfig context; proxy agents are
 * left alone.
 */
export type RequestOptions = k8s.ConfigurationOptions;

function pass<T>(value: T) {
  return new k8s.Observable(Promise.resolve(value));
}

export function createRequestOptions(timeoutMs: number): () => RequestOptions {
  let shared: https.Agent | undefined;
  const reuse = (agent: ReturnType<k8s.RequestContext['getAgent']>) => {
    if (!(agent instanceof https.Agent) || agent.constructor !== https.Agent) return agent;
    shared ??= new https.Agent({ ...agent.options, keepAlive: true });
    return shared;
  };
  const middleware: k8s.ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(AbortSignal.timeout(timeoutMs));
      const agent = reuse(ctx.getAgent());
      if (agent !== undefined) ctx.setAgent(agent);
      return pass(ctx);
    },
    post: pass,
  };
  return () => ({ middleware: [middleware], middlewareMergeStrategy: 'append' });
}
