#!/usr/bin/env bash
# Builds the test environment's binaries from the Go module proxy and caches
# them outside the repo, one folder per component and version. A second run
# with the same versions does nothing. Nothing is downloaded prebuilt.
#
#  - kube-apiserver, kube-controller-manager, kube-scheduler, kubectl: from a
#    wrapper module that requires k8s.io/kubernetes and replaces each staging
#    module (k8s.io/api, ...) with its published v0.x twin, as
#    k8s.io/kubernetes' own go.mod points them at ./staging.
#  - etcd: a wrapper module requiring go.etcd.io/etcd/server/v3. (Debian's
#    etcd 3.4.23 lacks the watch-progress support kube-apiserver >= 1.34
#    needs for its clients' streaming lists.)
#  - kube-state-metrics: a wrapper module requiring k8s.io/kube-state-metrics/v2
#    (`go install pkg@version` asks the proxy for the version list, which it
#    refuses for this module; a require line needs no list).
#  - kwok, kwokctl: go install sigs.k8s.io/kwok/cmd/...@version
#
# `build-binaries.sh helm` builds only helm (go install helm.sh/helm/v3/cmd/helm
# @version), which the Helm chart's test needs and the test environment does not.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$here/versions.sh"

# build_helm: helm with its version and the Kubernetes version of its client-go
# stamped in, as helm's Makefile does (else `helm template` assumes v1.20).
build_helm() {
  [ -x "$PF_HELM_BIN/helm" ] && { echo "testenv: helm cached in $PF_HELM_BIN"; return 0; }
  command -v go >/dev/null || { echo "testenv: the Go toolchain is needed once, to build helm" >&2; exit 1; }
  echo "testenv: building helm $HELM_VERSION (first run only; a few minutes on 2 cores)"
  local gomod minor tmp
  gomod="$(cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download -json "helm.sh/helm/v3@$HELM_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  minor="$(sed -n 's#^[[:space:]]*k8s.io/client-go v0\.\([0-9]*\)\..*#\1#p' "$gomod")"
  local v="helm.sh/helm/v3/internal/version" ldflags="-s -w"
  ldflags+=" -X $v.version=$HELM_VERSION -X $v.gitTreeState=clean"
  for p in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    ldflags+=" -X $p.k8sVersionMajor=1 -X $p.k8sVersionMinor=${minor:-20}"
  done
  tmp="$PF_HELM_BIN.tmp.$$"
  mkdir -p "$tmp"
  GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
    go install -trimpath -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  mkdir -p "$PF_HELM_BIN"
  mv "$tmp/helm" "$PF_HELM_BIN/helm"
  rmdir "$tmp"
  echo "testenv: helm ready in $PF_HELM_BIN"
}
if [ "${1:-}" = helm ]; then
  build_helm
  exit 0
fi

declare -A want=(
  [kube-apiserver]="$PF_KUBE_BIN" [kube-controller-manager]="$PF_KUBE_BIN"
  [kube-scheduler]="$PF_KUBE_BIN" [kubectl]="$PF_KUBE_BIN"
  [kwok]="$PF_KWOK_BIN" [kwokctl]="$PF_KWOK_BIN"
  [kube-state-metrics]="$PF_KSM_BIN" [etcd]="$PF_ETCD_BIN"
)
missing=()
for b in "${!want[@]}"; do [ -x "${want[$b]}/$b" ] || missing+=("$b"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "testenv: Go-built binaries cached in $PF_CACHE_DIR/bin"
  exit 0
fi
command -v go >/dev/null || { echo "testenv: the Go toolchain is needed once, to build ${missing[*]}" >&2; exit 1; }
echo "testenv: building ${missing[*]} (first run only; about 10 minutes on 2 cores)"
work="$PF_CACHE_DIR/build"
mkdir -p "$work"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
export CGO_ENABLED=0

# wrapper_build DIR GO_MOD_BODY OUT PKG LDFLAGS: go build PKG inside a wrapper module.
wrapper_build() {
  local mod="$1" body="$2" out="$3" pkg="$4" ldflags="$5"
  mkdir -p "$mod" "$(dirname "$out")"
  [ -f "$mod/go.mod" ] || printf '%s\n' "$body" > "$mod/go.mod"
  echo "testenv:   go build $pkg"
  (cd "$mod" && GOFLAGS="$GOFLAGS -mod=mod" go build -trimpath -ldflags "-s -w $ldflags" -o "$out.tmp" "$pkg")
  mv "$out.tmp" "$out"
}

build_kube() {
  local mod="$work/kube-$KUBE_VERSION" minor staging gomod
  minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
  staging="v0.${KUBE_VERSION#v1.}"
  if [ ! -f "$mod/go.mod" ]; then
    mkdir -p "$mod"
    gomod="$(cd "$mod" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
    {
      echo "module punchingfist.local/kube-binaries"
      echo
      echo "go $(sed -n 's/^go //p' "$gomod")"
      echo
      echo "require k8s.io/kubernetes $KUBE_VERSION"
      echo
      sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#replace \1 => \1 '"$staging"'#p' "$gomod"
    } > "$mod/go.mod"
    (cd "$mod" && go get "k8s.io/kubernetes/cmd/kube-apiserver@$KUBE_VERSION" >/dev/null)
  fi
  local v="k8s.io/component-base/version" c="k8s.io/client-go/pkg/version"
  local ldflags="-X $v.gitVersion=$KUBE_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean -X $v.buildDate=1970-01-01T00:00:00Z -X $c.gitVersion=$KUBE_VERSION -X $c.gitMajor=1 -X $c.gitMinor=$minor"
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    [ -x "$PF_KUBE_BIN/$b" ] && continue
    wrapper_build "$mod" "" "$PF_KUBE_BIN/$b" "k8s.io/kubernetes/cmd/$b" "$ldflags"
  done
}

build_kwok() {
  local ldflags="-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=$KUBE_VERSION"
  for b in kwok kwokctl; do
    [ -x "$PF_KWOK_BIN/$b" ] && continue
    echo "testenv:   go install sigs.k8s.io/kwok/cmd/$b@$KWOK_VERSION"
    mkdir -p "$PF_KWOK_BIN"
    GOBIN="$PF_KWOK_BIN" go install -trimpath -ldflags "-s -w $ldflags" "sigs.k8s.io/kwok/cmd/$b@$KWOK_VERSION"
  done
}

[ -x "$PF_ETCD_BIN/etcd" ] || wrapper_build "$work/etcd-$ETCD_VERSION" \
  "$(printf 'module punchingfist.local/etcd\n\ngo 1.24\n\nrequire go.etcd.io/etcd/server/v3 %s' "$ETCD_VERSION")" \
  "$PF_ETCD_BIN/etcd" go.etcd.io/etcd/server/v3 ""
[ -x "$PF_KSM_BIN/kube-state-metrics" ] || wrapper_build "$work/ksm-$KSM_VERSION" \
  "$(printf 'module punchingfist.local/ksm\n\ngo 1.24\n\nrequire k8s.io/kube-state-metrics/v2 %s' "$KSM_VERSION")" \
  "$PF_KSM_BIN/kube-state-metrics" k8s.io/kube-state-metrics/v2 \
  "-X github.com/prometheus/common/version.Version=${KSM_VERSION#v}"
build_kwok
build_kube
echo "testenv: Go-built binaries ready in $PF_CACHE_DIR/bin"
