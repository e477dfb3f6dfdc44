#!/usr/bin/env bash
# Builds kwok (Kubernetes WithOut Kubelet), the simulator that gives the living-cluster tests their
# nodes: it keeps fake Nodes Ready with Leases and moves the pods bound to them through their
# lifecycle, talking to the API server only through its API. Built from the Go module proxy at the
# version tools/kwok/go.mod pins, into <component cache>/kwok/<version>/bin (scripts/component-cache.sh); a build already there is reused and
# GOCACHE/GOMODCACHE make a rebuild cheap. Prints the path of the binary.
#   scripts/ensure-kwok.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mod=tools/kwok/go.mod
version=$(sed -n 's/^require sigs.k8s.io\/kwok \(v[0-9.]*\)$/\1/p' "$mod")
[ -n "$version" ] || { echo "ensure-kwok: $mod does not pin sigs.k8s.io/kwok" >&2; exit 1; }
source scripts/component-cache.sh
bin="${component_cache}/kwok/${version}/bin"
if [ ! -x "$bin/kwok" ]; then
  mkdir -p "$bin"
  echo "ensure-kwok: building kwok ${version} (cached by GOCACHE after the first time)" >&2
  (cd tools/kwok && CGO_ENABLED=0 go build -trimpath -o "$bin/kwok.tmp" sigs.k8s.io/kwok/cmd/kwok)
  mv "$bin/kwok.tmp" "$bin/kwok"
fi
echo "$bin/kwok"
