#!/usr/bin/env bash
# Installs what punchingfist's commands need and is missing, and nothing
# else: npm packages, Debian packages (Redis, Prometheus,
# Alertmanager), and the Go-built Kubernetes binaries (cached by version
# outside the repo, so only the first run pays). Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { echo "setup: $*"; }

# 1. npm packages
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  # npm ci refuses a lockfile that lacks other platforms' optional binaries
  # (e.g. @biomejs/cli-darwin-x64); registries that serve only this
  # platform's packages produce exactly such a lockfile. npm install then
  # installs the same locked versions.
  npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund
fi

# 2. Debian packages
apt_needed=()
command -v redis-server >/dev/null || apt_needed+=(redis-server)
command -v redis-cli >/dev/null || apt_needed+=(redis-tools)
command -v prometheus >/dev/null || apt_needed+=(prometheus)
command -v prometheus-alertmanager >/dev/null || apt_needed+=(prometheus-alertmanager)
# Headless browser for the local workspace's end-to-end test (playwright-core drives it).
command -v chromium >/dev/null || apt_needed+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || apt_needed+=(fonts-noto-color-emoji)
# Fonts for alert graphs (PNG): Liberation Sans has the Arial metrics ECharts lays text out with; DejaVu is the fallback.
dpkg -s fonts-liberation2 >/dev/null 2>&1 || apt_needed+=(fonts-liberation2)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || apt_needed+=(fonts-dejavu-core)
for extra in ${PUNCHINGFIST_EXTRA_APT:-}; do
  dpkg -s "$extra" >/dev/null 2>&1 || apt_needed+=("$extra")
done
if [ ${#apt_needed[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to apt-get install ${apt_needed[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  say "installing Debian packages: ${apt_needed[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_needed[@]}" >/dev/null
  # The packages ship services; the test environment starts its own on loopback.
  for svc in redis-server prometheus prometheus-alertmanager; do
    $sudo service "$svc" stop >/dev/null 2>&1 || true
  done
fi

# 3. Go-built binaries (kube-apiserver & co., etcd, kwok, kube-state-metrics)
bash scripts/testenv/build-binaries.sh
