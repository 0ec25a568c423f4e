import { execFileSync } from 'node:child_process';
import * as k8s from '@kubernetes/client-node';
import { testenvPaths } from '../../scripts/testenv/paths.ts';
import { apiGroup, apiGroupVersion, apiVersion } from '../../src/core/resources/api-group.ts';
import type { Kube } from './kube.ts';

/** punchingfist custom resources in a test namespace, through the real API server. */
export type Kind = 'Source' | 'Workflow' | 'Sink' | 'WorkflowRun';

export interface Doc {
  apiVersion: string;
  kind: Kind;
  metadata: { name: string };
  spec: Record<string, unknown>;
}

const plurals: Record<Kind, string> = {
  Source: 'sources',
  Workflow: 'workflows',
  Sink: 'sinks',
  WorkflowRun: 'workflowruns',
};

export function doc(kind: Kind, name: string, spec: Record<string, unknown>): Doc {
  return { apiVersion, kind, metadata: { name }, spec };
}

const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

export function customResources(k: Kube, namespace: string) {
  const at = (kind: Kind) => ({
    group: apiGroup,
    version: apiGroupVersion,
    namespace,
    plural: plurals[kind],
  });
  return {
    /** Creates as kubectl does: unknown fields are an error, not silently dropped. */
    create: (body: Doc): Promise<unknown> =>
      k.custom.createNamespacedCustomObject({ ...at(body.kind), body, fieldValidation: 'Strict' }),
    get: (kind: Kind, name: string): Promise<Doc> =>
      k.custom.getNamespacedCustomObject({ ...at(kind), name }) as Promise<Doc>,
    patch: (kind: Kind, name: string, body: object): Promise<unknown> =>
      k.custom.patchNamespacedCustomObject({ ...at(kind), name, body }, mergePatch),
    patchStatus: (kind: Kind, name: string, status: object): Promise<unknown> =>
      k.custom.patchNamespacedCustomObjectStatus(
        { ...at(kind), name, body: { status } },
        mergePatch,
      ),
  };
}

/** The API server's refusal of a request: HTTP code and the Status message. */
export async function refusal(
  request: Promise<unknown>,
): Promise<{ code: number; message: string }> {
  try {
    await request;
  } catch (err) {
    if (!(err instanceof k8s.ApiException)) throw err;
    const raw: unknown = err.body;
    const status = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { message?: string };
    return { code: err.code, message: status.message ?? String(raw) };
  }
  throw new Error('the API server accepted the request');
}

/** The test environment's kubectl, for what only kubectl shows (printer columns). */
export function kubectl(kubeconfig: string, args: readonly string[]): string {
  return execFileSync(testenvPaths().bin.kubectl, ['--kubeconfig', kubeconfig, ...args], {
    encoding: 'utf8',
  });
}
