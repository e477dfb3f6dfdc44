#!/usr/bin/env bash
# The long fuzz (not CI): every property test for FUZZ_SECONDS each (default 60) with a random seed,
# then schemathesis against a kapi server for FUZZ_HTTP_SECONDS (default 1200) with a random seed.
# The seeds are printed; FUZZ_SEED=<seed> replays one. CI runs the same tests briefly (npm test).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-schemathesis.sh
seed="${FUZZ_SEED:-$RANDOM$RANDOM}"
echo "fuzz: seed $seed"
FUZZ_SEED="$seed" FUZZ_SECONDS="${FUZZ_SECONDS:-60}" npx mocha --config .mocharc.unit.js --timeout 0 'packages/*/src/**/*.property.test.ts'
FUZZ_SEED="$seed" FUZZ_SECONDS="${FUZZ_HTTP_SECONDS:-1200}" npx mocha --config .mocharc.integration.js --timeout 0 tests/http-fuzz.test.ts
