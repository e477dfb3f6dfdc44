#!/usr/bin/env bash
# Builds the real Kubernetes components kapi is compared with (kube-apiserver, and on request
# kube-controller-manager and kube-scheduler) from the Go module proxy at the pinned release, into
# .cache/kube/<version>/bin. A component already built for the pin is reused; GOCACHE/GOMODCACHE
# make a rebuild cheap. Prints the bin directory.
#   scripts/ensure-kube-components.sh [kube-apiserver] [kube-controller-manager] [kube-scheduler]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/kube-version.env
components=("$@")
[ ${#components[@]} -gt 0 ] || components=(kube-apiserver)

mod=tools/kube-components/go.mod
if ! grep -q "^require k8s.io/kubernetes ${KUBE_VERSION}\$" "$mod" || grep -E '=> k8s.io/[a-z0-9-]+ v' "$mod" | grep -vq " ${KUBE_API_VERSION}\$"; then
  echo "ensure-kube-components: $mod does not pin k8s.io/kubernetes ${KUBE_VERSION} with its staging modules at ${KUBE_API_VERSION} (scripts/kube-version.env)" >&2
  exit 1
fi

bin=".cache/kube/${KUBE_VERSION}/bin"
mkdir -p "$bin"
for c in "${components[@]}"; do
  case "$c" in kube-apiserver|kube-controller-manager|kube-scheduler) ;; *) echo "ensure-kube-components: unknown component $c" >&2; exit 2 ;; esac
  if [ -x "$bin/$c" ]; then continue; fi
  echo "ensure-kube-components: building $c ${KUBE_VERSION} (cached by GOCACHE after the first time)" >&2
  (cd tools/kube-components && CGO_ENABLED=0 go build -trimpath -o "../../$bin/$c.tmp" "k8s.io/kubernetes/cmd/$c")
  mv "$bin/$c.tmp" "$bin/$c"
done
echo "$(pwd)/$bin"
