#!/usr/bin/env bash
# The OpenAPI definitions of every built-in kind of the pinned Kubernetes release
# (scripts/kube-version.env): the v3 documents k8s.io/kubernetes ships (api/openapi-spec/v3) merged
# into packages/apiserver-core/generated/openapi/definitions.json, with the release's discovery
# (aggregated_v2.json for the named groups, api__v1.json for the core group) beside it. The module comes from the Go module proxy (GOMODCACHE
# keeps it between runs). A stamp of the pin and of the generator skips the work when nothing moved.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=kube-version.env
source scripts/kube-version.env

out=packages/apiserver-core/generated/openapi
generator=tools/openapi-gen/generate-definitions.js
stamp="$out/stamp"
wanted="k8s.io/kubernetes@$KUBE_VERSION generator:$(sha256sum "$generator" | cut -c1-16)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -f "$out/definitions.json" ] && [ -f "$out/aggregated_v2.json" ] && [ -f "$out/api__v1.json" ]; then
  echo "openapi definitions up to date: $wanted"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "generate-openapi: the go command is needed to download k8s.io/kubernetes@$KUBE_VERSION from the Go module proxy" >&2
  exit 1
fi

# Outside any Go module or workspace: this is a plain download of one module version.
if ! info="$(cd "${TMPDIR:-/tmp}" && GOWORK=off go mod download -json "k8s.io/kubernetes@$KUBE_VERSION")"; then
  echo "generate-openapi: could not download k8s.io/kubernetes@$KUBE_VERSION:" >&2
  echo "$info" >&2
  exit 1
fi
dir="$(node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8")); if (m.Error || !m.Dir) { console.error(m.Error || "no Dir"); process.exit(1); } console.log(m.Dir)' <<<"$info")"

rm -f "$stamp"
node "$generator" "$dir" "$out"
echo "$wanted" >"$stamp"
echo "openapi definitions generated: $wanted ($(du -h "$out/definitions.json" | cut -f1) definitions.json)"
