#!/usr/bin/env bash
# Installs a real etcd for kapi's storage-etcd tests and the etcd3 backend: Debian's etcd-server
# (the `etcd` binary) and etcd-client (`etcdctl`, used to check objects land at the expected keys).
# Does nothing when both are already on PATH. Needs root or passwordless sudo for apt-get.
set -euo pipefail

missing=()
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
command -v etcdctl >/dev/null 2>&1 || missing+=(etcd-client)
if [ ${#missing[@]} -eq 0 ]; then
  echo "etcd present: $(etcd --version 2>/dev/null | head -1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-etcd: need root (or sudo) to install ${missing[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

# The Debian package starts a system etcd on :2379 under systemd; kapi's tests start their own on
# free ports, so a service left running would only hold a port. Stop it where a service manager exists.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet etcd 2>/dev/null; then
  $SUDO systemctl stop etcd || true
  $SUDO systemctl disable etcd >/dev/null 2>&1 || true
fi

echo "etcd installed: $(etcd --version | head -1)"
