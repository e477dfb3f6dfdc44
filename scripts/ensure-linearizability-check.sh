#!/usr/bin/env bash
# Builds tools/linearizability-check (porcupine from the Go module proxy, pinned in its go.mod), the
# checker of the histories the HA fault tests record, into <component cache>/linearizability-check/<source hash>/bin
# (scripts/component-cache.sh); a build of the same source is reused, GOCACHE/GOMODCACHE make a rebuild a
# link step. Cold (module download + compile): about 10 seconds. Prints the path of the binary.
#   scripts/ensure-linearizability-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
src=tools/linearizability-check
hash=$(cat "$src"/go.mod "$src"/go.sum "$src"/*.go | sha256sum | cut -c1-16)
source scripts/component-cache.sh
bin="${component_cache}/linearizability-check/${hash}/bin"
if [ ! -x "$bin/linearizability-check" ]; then
  mkdir -p "$bin"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin/linearizability-check.tmp" .)
  mv "$bin/linearizability-check.tmp" "$bin/linearizability-check"
fi
echo "$bin/linearizability-check"
