#!/usr/bin/env bash
# build-go-tests.sh PKG...: compiles the Go test packages of tests/go (client-go, controller-runtime,
# envtest) into test binaries at .tmp/go-tests/<pkg>.test, so the mocha drivers can run them with a
# stdin/stdout conversation (restarts) and without `go test`'s own process juggling. Go's build cache
# (GOCACHE) and module cache (GOMODCACHE) make a warm build a link step; a cold machine downloads the
# modules pinned in tests/go/go.sum from the module proxy and compiles them (about 3 minutes, once).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.tmp/go-tests"
mkdir -p "$out"
cd "$root/tests/go"
# Go relinks a test binary on every `go test -c` (seconds each for these); skip a binary newer than
# every file of the module and than the go command itself.
for pkg in "$@"; do
  bin="$out/$pkg.test"
  if [ -x "$bin" ] && [ -z "$(find . "$(command -v go)" -newer "$bin" -type f -print -quit)" ]; then
    continue
  fi
  go test -c -o "$bin" "./$pkg"
done
