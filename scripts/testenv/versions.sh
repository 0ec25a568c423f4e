# Versions of the Go-built test-environment binaries. Each component is
# cached in its own folder named by its version, so changing one version
# rebuilds only that component, once.
KUBE_VERSION=v1.36.3
KWOK_VERSION=v0.8.0
KSM_VERSION=v2.18.0
ETCD_VERSION=v3.6.8
# helm: only for the chart test (build-binaries.sh helm), not the test environment.
HELM_VERSION=v3.22.0
PF_CACHE_DIR="${PUNCHINGFIST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/punchingfist}"
PF_KUBE_BIN="$PF_CACHE_DIR/bin/kube-$KUBE_VERSION"
PF_KWOK_BIN="$PF_CACHE_DIR/bin/kwok-$KWOK_VERSION"
PF_KSM_BIN="$PF_CACHE_DIR/bin/kube-state-metrics-$KSM_VERSION"
PF_ETCD_BIN="$PF_CACHE_DIR/bin/etcd-$ETCD_VERSION"
PF_HELM_BIN="$PF_CACHE_DIR/bin/helm-$HELM_VERSION"
