#!/usr/bin/env bash
# Generates the cel-spec conformance suite (the simple tests of cel.dev/expr, the Go module of
# github.com/google/cel-spec) as JSON into .cache/cel-conformance/<version>/, for
# tests/cel-conformance.test.ts. The textprotos come from the module cache and are converted by
# tools/cel-conformance (prototext → protojson with cel-spec's own Go types); nothing of cel-spec is
# checked in. A no-op once the JSON is there; cold, about a minute and a half (module download and build).
# Prints the directory.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^\s*cel.dev\/expr \(v[0-9.]*\)$/\1/p' tools/cel-conformance/go.mod)
[ -n "$version" ] || { echo "ensure-cel-conformance: tools/cel-conformance/go.mod does not pin cel.dev/expr" >&2; exit 1; }
out=".cache/cel-conformance/${version}"
if [ ! -f "$out/.complete" ]; then
  echo "ensure-cel-conformance: converting the cel-spec ${version} conformance tests (cached after the first time)" >&2
  cd tools/cel-conformance
  go mod download cel.dev/expr
  testdata="$(go list -m -f '{{.Dir}}' cel.dev/expr)/tests/simple/testdata"
  rm -rf "../../$out.tmp"
  go run . "$testdata" "../../$out.tmp"
  cd ../..
  touch "$out.tmp/.complete"
  rm -rf "$out"
  mv "$out.tmp" "$out"
fi
echo "$(pwd)/$out"
