#!/usr/bin/env bash
# The README's first command: sets up what is missing, then runs the demo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
exec node_modules/.bin/tsx scripts/demo/demo.ts "$@"
