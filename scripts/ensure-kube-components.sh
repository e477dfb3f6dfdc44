#!/usr/bin/env bash
# Builds the real Kubernetes components from the Go module proxy into <cache>/kube/<version>/bin
# (the cache is scripts/component-cache.sh's) and prints that bin directory. kube-apiserver alone, the oracle kapi is compared with, is built at the
# release kapi serves (KUBE_VERSION, module tools/kube-components); a set that names
# kube-controller-manager or kube-scheduler is built at KUBE_COMPONENTS_VERSION (module
# tools/kube-controllers, or tools/kube-components when the two pins are equal), so the printed
# directory holds every component asked for. A component already built for its pin is reused;
# GOCACHE/GOMODCACHE make a rebuild cheap.
#   scripts/ensure-kube-components.sh [kube-apiserver] [kube-controller-manager] [kube-scheduler]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/kube-version.env
components=("$@")
[ ${#components[@]} -gt 0 ] || components=(kube-apiserver)

version=$KUBE_VERSION
staging=$KUBE_API_VERSION
moddir=tools/kube-components
case " ${components[*]} " in
  *" kube-controller-manager "*|*" kube-scheduler "*)
    if [ "$KUBE_COMPONENTS_VERSION" != "$KUBE_VERSION" ]; then
      version=$KUBE_COMPONENTS_VERSION
      staging=v0.${KUBE_COMPONENTS_VERSION#v1.}
      moddir=tools/kube-controllers
    fi ;;
esac

mod=$moddir/go.mod
if ! grep -q "^require k8s.io/kubernetes ${version}\$" "$mod" || grep -E '=> k8s.io/[a-z0-9-]+ v' "$mod" | grep -vq " ${staging}\$"; then
  echo "ensure-kube-components: $mod does not pin k8s.io/kubernetes ${version} with its staging modules at ${staging} (scripts/kube-version.env)" >&2
  exit 1
fi

source scripts/component-cache.sh
bin="${component_cache}/kube/${version}/bin"
mkdir -p "$bin"
for c in "${components[@]}"; do
  case "$c" in kube-apiserver|kube-controller-manager|kube-scheduler) ;; *) echo "ensure-kube-components: unknown component $c" >&2; exit 2 ;; esac
  if [ -x "$bin/$c" ]; then continue; fi
  echo "ensure-kube-components: building $c ${version} (cached by GOCACHE after the first time)" >&2
  (cd "$moddir" && CGO_ENABLED=0 go build -trimpath -o "$bin/$c.tmp" "k8s.io/kubernetes/cmd/$c")
  mv "$bin/$c.tmp" "$bin/$c"
done
echo "$bin"
