#!/usr/bin/env bash
# The test command (README): sets up what is missing, then checks types and
# lint, then runs every vitest project — unit, contract, and integration
# against real Redis, a real Kubernetes API server and real Alertmanager.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
echo "test: typecheck"
npx tsc -p tsconfig.json --noEmit
echo "test: lint"
npx biome check .
npx eslint .
echo "test: vitest (unit, contract, integration)"
mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
# One plain closing line, whatever the reporter printed above it.
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
