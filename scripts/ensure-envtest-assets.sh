#!/usr/bin/env bash
# ensure-envtest-assets.sh: two KUBEBUILDER_ASSETS directories for controller-runtime's envtest
# (tests/go-envtest.test.ts), each with the `etcd` of scripts/ensure-etcd.sh and the kubectl on PATH:
#   .tmp/envtest/kapi/kube-apiserver  runs `kapi kube-apiserver` (the built CLI, packages/cli/dist)
#   .tmp/envtest/kube/kube-apiserver  the real kube-apiserver (scripts/ensure-kube-components.sh), for comparison
# The wrapper clears NODE_OPTIONS: a test runner's loader flags (tsx, source conditions) are not the CLI's.
# Cheap and idempotent: it only writes a wrapper and links.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/kube-version.env"
etcd="$(command -v etcd)" || { echo "ensure-envtest-assets: etcd not on PATH (scripts/ensure-etcd.sh)" >&2; exit 1; }
kubectl="$(command -v kubectl)" || { echo "ensure-envtest-assets: kubectl not on PATH" >&2; exit 1; }

for dir in kapi kube; do
  mkdir -p "$root/.tmp/envtest/$dir"
  ln -sf "$etcd" "$root/.tmp/envtest/$dir/etcd"
  ln -sf "$kubectl" "$root/.tmp/envtest/$dir/kubectl"
done
cat > "$root/.tmp/envtest/kapi/kube-apiserver" <<WRAPPER
#!/bin/sh
NODE_OPTIONS= exec "$(command -v node)" "$root/packages/cli/bin/kapi.js" kube-apiserver "\$@"
WRAPPER
chmod +x "$root/.tmp/envtest/kapi/kube-apiserver"
kube="$(bash "$root/scripts/ensure-kube-components.sh" kube-apiserver | tail -1)/kube-apiserver"
ln -sf "$kube" "$root/.tmp/envtest/kube/kube-apiserver"
echo "envtest assets in .tmp/envtest (kapi$( [ -x "$kube" ] && echo ", kube-apiserver ${KUBE_VERSION}"))"
