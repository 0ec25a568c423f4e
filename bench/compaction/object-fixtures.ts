import { hex, seeded, timestamps } from './random.ts';

/**
 * Kubernetes objects as the API server returns them (managed fields, the
 * last-applied annotation, full status), generated from a seed: a
 * crash-looping Pod with its events, and a namespace's worth of Pods.
 */
type Obj = Record<string, unknown>;

function managedFields(at: string): Obj[] {
  const fields = (prefix: string, n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `f:${prefix}${i}`,
        { '.': {}, 'f:name': {}, 'f:value': {} },
      ]),
    );
  return [
    {
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'v1',
      time: at,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': {
          'f:generateName': {},
          'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} },
          'f:ownerReferences': {},
        },
        'f:spec': {
          'f:containers': {
            'k:{"name":"app"}': {
              'f:env': fields('env', 14),
              'f:image': {},
              'f:ports': {},
              'f:resources': {},
            },
          },
        },
      },
    },
    {
      manager: 'kubelet',
      operation: 'Update',
      apiVersion: 'v1',
      time: at,
      fieldsType: 'FieldsV1',
      subresource: 'status',
      fieldsV1: {
        'f:status': {
          'f:conditions': fields('cond', 5),
          'f:containerStatuses': {},
          'f:hostIP': {},
          'f:podIP': {},
          'f:podIPs': {},
          'f:startTime': {},
        },
      },
    },
  ];
}

export function crashingPod(name: string, rand = seeded(3)): Obj {
  const at = '2026-11-22T03:00:00Z';
  const env = Array.from({ length: 14 }, (_, i) => ({
    name: `CHECKOUT_SETTING_${i}`,
    value: `value-${hex(rand, 6)}`,
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${name.slice(0, -5)}`,
      namespace: 'shop',
      uid: `${hex(rand, 8)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 12)}`,
      resourceVersion: String(100000 + Math.floor(rand() * 99999)),
      creationTimestamp: at,
      labels: { app: 'checkout', 'pod-template-hash': '6c9a1e7f4d' },
      annotations: {
        'kubectl.kubernetes.io/restartedAt': at,
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '8080',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'checkout-6c9a1e7f4d',
          uid: hex(rand, 32),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: managedFields(at),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.example/shop/checkout:2.4.1',
          ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
          env,
          resources: {
            limits: { cpu: '1', memory: '512Mi' },
            requests: { cpu: '250m', memory: '256Mi' },
          },
          livenessProbe: {
            httpGet: { path: '/actuator/health/liveness', port: 8080, scheme: 'HTTP' },
            initialDelaySeconds: 20,
            periodSeconds: 10,
            timeoutSeconds: 1,
            successThreshold: 1,
            failureThreshold: 3,
          },
          readinessProbe: {
            httpGet: { path: '/actuator/health/readiness', port: 8080, scheme: 'HTTP' },
            periodSeconds: 5,
            timeoutSeconds: 1,
            successThreshold: 1,
            failureThreshold: 3,
          },
          volumeMounts: [
            { name: 'config', mountPath: '/etc/checkout' },
            {
              name: 'kube-api-access-x7k2p',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      volumes: [
        { name: 'config', configMap: { name: 'checkout-config', defaultMode: 420 } },
        {
          name: 'kube-api-access-x7k2p',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              {
                configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
              },
              {
                downwardAPI: {
                  items: [
                    {
                      path: 'namespace',
                      fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      nodeName: 'kwok-node-1',
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: [
        'PodReadyToStartContainers',
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map((type) => ({
        type,
        status: type === 'Ready' || type === 'ContainersReady' ? 'False' : 'True',
        lastProbeTime: null,
        lastTransitionTime: at,
        ...(type === 'Ready'
          ? { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }
          : {}),
      })),
      hostIP: '10.0.0.11',
      podIP: `10.244.1.${Math.floor(rand() * 250)}`,
      startTime: at,
      containerStatuses: [
        {
          name: 'app',
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 5m0s restarting failed container=app pod=${name}_shop(${hex(rand, 8)})`,
            },
          },
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: at,
              finishedAt: at,
              containerID: `containerd://${hex(rand, 64)}`,
            },
          },
          ready: false,
          restartCount: 17,
          image: 'registry.example/shop/checkout:2.4.1',
          imageID: `registry.example/shop/checkout@sha256:${hex(rand, 64)}`,
          containerID: `containerd://${hex(rand, 64)}`,
          started: false,
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

export function podEvents(pod: string): Obj[] {
  const rand = seeded(5);
  const at = timestamps('2026-11-22T03:00:00.000Z', rand);
  const events: Obj[] = [];
  const event = (
    type: string,
    reason: string,
    message: string,
    count: number,
    source: string,
  ): Obj => {
    const when = at(30_000);
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${pod}.${hex(rand, 16)}`,
        namespace: 'shop',
        uid: hex(rand, 32),
        resourceVersion: String(Math.floor(rand() * 1e6)),
        creationTimestamp: when,
        managedFields: [
          {
            manager: source,
            operation: 'Update',
            apiVersion: 'v1',
            time: when,
            fieldsType: 'FieldsV1',
            fieldsV1: {
              'f:count': {},
              'f:firstTimestamp': {},
              'f:involvedObject': {},
              'f:lastTimestamp': {},
              'f:message': {},
              'f:reason': {},
              'f:source': { 'f:component': {}, 'f:host': {} },
              'f:type': {},
            },
          },
        ],
      },
      involvedObject: {
        kind: 'Pod',
        namespace: 'shop',
        name: pod,
        uid: hex(rand, 32),
        apiVersion: 'v1',
        resourceVersion: String(Math.floor(rand() * 1e6)),
        fieldPath: 'spec.containers{app}',
      },
      reason,
      message,
      source: { component: source, host: 'kwok-node-1' },
      firstTimestamp: '2026-11-22T03:00:00Z',
      lastTimestamp: when,
      count,
      type,
      eventTime: null,
      reportingComponent: source,
      reportingInstance: 'kwok-node-1',
    };
  };
  events.push(
    event(
      'Normal',
      'Scheduled',
      `Successfully assigned shop/${pod} to kwok-node-1`,
      1,
      'default-scheduler',
    ),
  );
  for (let i = 0; i < 18; i++) {
    events.push(
      event(
        'Normal',
        'Pulled',
        'Container image "registry.example/shop/checkout:2.4.1" already present on machine',
        i + 1,
        'kubelet',
      ),
    );
    events.push(event('Normal', 'Created', 'Created container: app', i + 1, 'kubelet'));
    events.push(event('Normal', 'Started', 'Started container app', i + 1, 'kubelet'));
    events.push(
      event(
        'Warning',
        'Unhealthy',
        `Readiness probe failed: Get "http://10.244.1.${20 + i}:8080/actuator/health/readiness": dial tcp 10.244.1.${20 + i}:8080: connect: connection refused`,
        i + 1,
        'kubelet',
      ),
    );
    events.push(
      event(
        'Warning',
        'BackOff',
        'Back-off restarting failed container app in pod checkout-6c9a1e7f4d-x2kqp_shop',
        3 * (i + 1),
        'kubelet',
      ),
    );
  }
  events.push(
    event(
      'Warning',
      'FailedMount',
      'MountVolume.SetUp failed for volume "config" : configmap "checkout-config" not found',
      2,
      'kubelet',
    ),
  );
  return events;
}

export function podList(n: number): Obj[] {
  const rand = seeded(9);
  return Array.from({ length: n }, (_, i) => {
    const app = ['cart', 'checkout', 'catalog', 'search', 'payments', 'web'][i % 6] ?? 'web';
    const pod = crashingPod(`${app}-${hex(rand, 10)}-${hex(rand, 5)}`, rand);
    if (i % 9 !== 0) {
      const status = pod.status as Obj;
      status.containerStatuses = [
        {
          name: 'app',
          state: { running: { startedAt: '2026-11-22T02:00:00Z' } },
          ready: true,
          restartCount: 0,
          image: `registry.example/shop/${app}:1.9.${i % 4}`,
          imageID: `sha256:${hex(rand, 64)}`,
          started: true,
        },
      ];
      status.conditions = [
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-11-22T02:00:00Z' },
      ];
    }
    return pod;
  });
}
