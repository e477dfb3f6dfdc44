#!/usr/bin/env bash
# Writes the protobuf descriptor tables of every built-in kind (packages/apiserver-core/generated/protobuf)
# from the Go types of the pinned Kubernetes API modules (scripts/kube-version.env), with the Go
# program in tools/protobuf-gen. Skips the work when the stamp names the same pin and generator;
# any failure (no Go, no module proxy, a type the generator cannot map) stops the build.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=kube-version.env
source scripts/kube-version.env

out=packages/apiserver-core/generated/protobuf
tool=tools/protobuf-gen
modules=(k8s.io/api k8s.io/apimachinery k8s.io/apiextensions-apiserver k8s.io/kube-aggregator)

stamp="$KUBE_API_VERSION $(cat scripts/generate-protobuf.sh "$tool"/go.mod "$tool"/*.go | sha256sum | cut -d' ' -f1)"
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then
  exit 0
fi

command -v go >/dev/null || { echo "generate-protobuf: go is not on PATH (tools/protobuf-gen is a Go program)" >&2; exit 1; }

# The module sources come from the module proxy into GOMODCACHE (checked against the checksum
# database); `go mod download` runs outside any module so that it records nothing.
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
args=()
for m in "${modules[@]}"; do
  info=$(cd "$workdir" && GOFLAGS= go mod download -json "$m@$KUBE_API_VERSION") || {
    echo "generate-protobuf: could not download $m@$KUBE_API_VERSION:" >&2
    echo "$info" >&2
    exit 1
  }
  dir=$(echo "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
  [ -d "$dir" ] || { echo "generate-protobuf: no source directory for $m@$KUBE_API_VERSION in: $info" >&2; exit 1; }
  args+=(-module "$m=$dir")
done

go build -C "$tool" -o "$workdir/protobuf-gen" .
"$workdir/protobuf-gen" -out "$out" -version "$KUBE_API_VERSION" "${args[@]}"
echo "$stamp" > "$out/.stamp"
echo "generate-protobuf: wrote $out ($(ls "$out" | wc -l) files) for $KUBE_API_VERSION"
