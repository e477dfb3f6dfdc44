#!/usr/bin/env bash
# Generates what kapi derives from the Kubernetes release it serves (scripts/kube-version.env), from
# the Go module proxy: the OpenAPI definitions of every built-in kind and the protobuf descriptor
# tables. The output is build output (gitignored `generated/` folders); each generator skips its work
# when its stamp matches the pinned version, so a warm build costs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
for gen in scripts/generate-openapi.sh scripts/generate-protobuf.sh; do
  if [ -f "$gen" ]; then bash "$gen"; fi
done
