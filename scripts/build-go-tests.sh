#!/usr/bin/env bash
# build-go-tests.sh PKG...: compiles the Go test packages of tests/go (client-go, controller-runtime,
# envtest) into test binaries at .tmp/go-tests/<pkg>.test, so the mocha drivers can run them with a
# stdin/stdout conversation (restarts) and without `go test`'s own process juggling. Go's build cache
# (GOCACHE) and module cache (GOMODCACHE) make a warm build a link step; a cold machine downloads the
# modules pinned in tests/go/go.sum from the module proxy and compiles them (minutes, once).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.tmp/go-tests"
mkdir -p "$out"
cd "$root/tests/go"
for pkg in "$@"; do
  go test -c -o "$out/$pkg.test" "./$pkg"
done
