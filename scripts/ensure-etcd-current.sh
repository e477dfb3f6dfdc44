#!/usr/bin/env bash
# Builds the current etcd (the 3.6.x tools/etcd-current/go.mod pins, from go.etcd.io/etcd/server/v3
# through the Go module proxy) into <cache>/etcd/<version>/bin/etcd (the cache is
# scripts/component-cache.sh's) and prints that binary's path. A no-op once built; GOCACHE/GOMODCACHE
# make a rebuild cheap. The test suite keeps Debian's etcd 3.4 (scripts/ensure-etcd.sh); the bench runs
# its etcd figures on both, and a test or `kapi server` can be pointed at this one (docs/performance.md).
#   scripts/ensure-etcd-current.sh
set -euo pipefail
cd "$(dirname "$0")/.."
moddir=tools/etcd-current
version=$(sed -n 's/^require go\.etcd\.io\/etcd\/server\/v3 \(v[0-9.]*\)$/\1/p' "$moddir/go.mod")
if [ -z "$version" ]; then
  echo "ensure-etcd-current: $moddir/go.mod does not require go.etcd.io/etcd/server/v3 at a release" >&2
  exit 1
fi

source scripts/component-cache.sh
bin="${component_cache}/etcd/${version}/bin"
if [ ! -x "$bin/etcd" ]; then
  mkdir -p "$bin"
  echo "ensure-etcd-current: building etcd ${version} (cached by GOCACHE after the first time)" >&2
  (cd "$moddir" && CGO_ENABLED=0 go build -trimpath -o "$bin/etcd.tmp" .)
  mv "$bin/etcd.tmp" "$bin/etcd"
fi
echo "$bin/etcd"
