#!/usr/bin/env bash
# Builds the Helm v4 client the Helm scenario (tests/helm.test.ts) drives against kapi. Built from the
# Go module proxy at the version tools/helm/go.mod pins (its go.sum fixes every dependency), into
# <component cache>/helm/<version>/bin (scripts/component-cache.sh); a build already there is reused
# and GOCACHE/GOMODCACHE make a rebuild cheap. Prints the path of the binary.
#   scripts/ensure-helm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mod=tools/helm/go.mod
version=$(sed -n 's/^require helm.sh\/helm\/v4 \(v[0-9.]*\)$/\1/p' "$mod")
[ -n "$version" ] || { echo "ensure-helm: $mod does not pin helm.sh/helm/v4" >&2; exit 1; }
source scripts/component-cache.sh
bin="${component_cache}/helm/${version}/bin"
if [ ! -x "$bin/helm" ]; then
  mkdir -p "$bin"
  echo "ensure-helm: building helm ${version} (cached by GOCACHE after the first time)" >&2
  # Helm stamps its version from these variables (as its Makefile does); `helm version` would say v4-dev.
  ldflags="-X helm.sh/helm/v4/internal/version.version=${version}"
  (cd tools/helm && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$bin/helm.tmp" helm.sh/helm/v4/cmd/helm)
  mv "$bin/helm.tmp" "$bin/helm"
fi
echo "$bin/helm"
