import type { Finding } from '../investigation/report.ts';
import { eventsFor } from '../kube/events.ts';
import { parseImage } from '../kube/image.ts';
import type { Pod } from '../kube/pod.ts';
import { refOf } from '../kube/refs.ts';
import { type Analyzer, eventEvidence, fieldEvidence, makeFinding } from './finding.ts';
import { type ContainerIssue, containerIssues, containerSpec } from './pod-status.ts';
import type { Snapshot } from './snapshot.ts';

/** ImagePullBackOff / ErrImagePull: which image, which tag, and why the registry said no. */
const pullReasons = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
]);

const causes: readonly [RegExp, string][] = [
  [
    /unauthorized|denied|authentication required|403|401/i,
    'the registry refused access (check imagePullSecrets)',
  ],
  [
    /not found|manifest unknown|NotFound|does not exist/i,
    'the image or tag does not exist in the registry',
  ],
  [
    /no such host|i\/o timeout|connection refused|dial tcp|TLS handshake/i,
    'the registry is unreachable',
  ],
  [/InvalidImageName|invalid reference format/i, 'the image name is invalid'],
  [/toomanyrequests|rate limit/i, 'the registry rate-limited the pull'],
];

function causeOf(text: string): string | undefined {
  return causes.find(([pattern]) => pattern.test(text))?.[1];
}

function pullFinding(pod: Pod, issue: ContainerIssue, snapshot: Snapshot): Finding {
  const ref = refOf('Pod', pod);
  const image = containerSpec(pod, issue.container)?.image ?? '(unknown image)';
  const { repository, tag } = parseImage(image);
  const events = eventsFor(snapshot.events, 'Pod', pod).filter(
    (e) => e.type === 'Warning' && /pull|image/i.test(`${e.reason ?? ''} ${e.message ?? ''}`),
  );
  const messages = [issue.message ?? '', ...events.map((e) => e.message ?? '')].join('\n');
  const cause = causeOf(`${issue.reason}\n${messages}`);
  return makeFinding({
    category: 'ImagePullBackOff',
    severity: 'high',
    object: ref,
    summary:
      `container "${issue.container}" of ${ref} cannot pull image "${image}" ` +
      `(repository ${repository}, tag "${tag}"): ${issue.reason}${cause === undefined ? '' : `, ${cause}`}`,
    evidence: [
      fieldEvidence(
        ref,
        `${issue.path}.state.waiting`,
        `${issue.reason}${issue.message === undefined ? '' : `: ${issue.message}`}`,
      ),
      fieldEvidence(ref, `spec.containers[${issue.container}].image`, image),
      ...events.slice(0, 2).map((e) => eventEvidence(ref, e)),
    ],
    affected: [ref],
    confidence: cause === undefined ? 0.7 : 0.9,
  });
}

export const analyzeImagePulls: Analyzer = (snapshot) =>
  snapshot.pods.flatMap((pod) =>
    containerIssues(pod)
      .filter((issue) => pullReasons.has(issue.reason))
      .map((issue) => pullFinding(pod, issue, snapshot)),
  );
