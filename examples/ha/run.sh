#!/usr/bin/env bash
# High availability (see docs/high-availability.md): a 3-member etcd cluster on loopback, 3 kapi instances on it
# (ports INSTANCE_PORT..+2) and one address in front of them (FRONT_PORT): a round-robin TCP front that passes TLS through
# and skips an instance while its /readyz fails, as kubeadm's HA load balancer (haproxy: see README.md here).
# Run from the repository root after `npx tsc -b`: examples/ha/run.sh [workdir]. Needs etcd (scripts/ensure-etcd.sh),
# openssl and kubectl. Everything runs until Ctrl-C; try `kill -9` on an instance or an etcd member meanwhile.
set -euo pipefail

WORK=${1:-$(mktemp -d -t kapi-ha-XXXX)}
FRONT_PORT=${FRONT_PORT:-6443}
INSTANCE_PORT=${INSTANCE_PORT:-6451}
ETCD_PORT=${ETCD_PORT:-23790}   # member i: client ETCD_PORT+2i, peer ETCD_PORT+2i+1
KAPI=${KAPI:-node_modules/.bin/kapi}
mkdir -p "$WORK"
echo "working in $WORK"

# --- PKI: one CA, a serving certificate every instance shares (the front's address is theirs), an admin.
( cd "$WORK"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 365 -subj /CN=kapi-ha-ca 2>/dev/null
  leaf() { # name subject extensions
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
    printf '%s\n' "$3" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 365 -extfile "$1.ext" 2>/dev/null
  }
  leaf apiserver /CN=kube-apiserver $'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth'
  leaf admin "/O=system:masters/CN=kubernetes-admin" 'extendedKeyUsage=clientAuth'
  kubectl config --kubeconfig admin.kubeconfig set-cluster ha --server "https://127.0.0.1:$FRONT_PORT" --certificate-authority ca.crt --embed-certs >/dev/null
  kubectl config --kubeconfig admin.kubeconfig set-credentials admin --client-certificate admin.crt --client-key admin.key --embed-certs >/dev/null
  kubectl config --kubeconfig admin.kubeconfig set-context ha --cluster ha --user admin >/dev/null
  kubectl config --kubeconfig admin.kubeconfig use-context ha >/dev/null )

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait' EXIT INT TERM

# --- etcd: three members, each with its data dir.
CLUSTER="" SERVERS=""
for i in 0 1 2; do
  CLUSTER+="${CLUSTER:+,}m$i=http://127.0.0.1:$((ETCD_PORT + 2 * i + 1))"
  SERVERS+="${SERVERS:+,}http://127.0.0.1:$((ETCD_PORT + 2 * i))"
done
for i in 0 1 2; do
  etcd --name "m$i" --data-dir "$WORK/etcd-m$i" \
    --listen-client-urls "http://127.0.0.1:$((ETCD_PORT + 2 * i))" --advertise-client-urls "http://127.0.0.1:$((ETCD_PORT + 2 * i))" \
    --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 2 * i + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 2 * i + 1))" \
    --initial-cluster "$CLUSTER" --initial-cluster-state new --initial-cluster-token kapi-ha --pre-vote \
    --log-level warn --logger zap 2>"$WORK/etcd-m$i.log" &
  PIDS+=($!)
done
until ETCDCTL_API=3 etcdctl --endpoints "$SERVERS" endpoint health >/dev/null 2>&1; do sleep 0.5; done
ETCDCTL_API=3 etcdctl --endpoints "$SERVERS" endpoint status -w table

# --- kapi: three instances on the cluster, each knowing every member. The first writes the service account
# signing key into the shared data dir; the others start after it and read it.
for i in 0 1 2; do
  "$KAPI" server --storage-backend etcd3 --etcd-servers "$SERVERS" --data-dir "$WORK/kapi-data" \
    --secure-port "$((INSTANCE_PORT + i))" --tls-cert-file "$WORK/apiserver.crt" --tls-private-key-file "$WORK/apiserver.key" \
    --client-ca-file "$WORK/ca.crt" --log-level warn >"$WORK/kapi-$i.log" 2>&1 &
  PIDS+=($!)
  until curl -sf --cacert "$WORK/ca.crt" "https://127.0.0.1:$((INSTANCE_PORT + i))/readyz" >/dev/null; do sleep 0.5; done
  echo "kapi-$i ready on https://127.0.0.1:$((INSTANCE_PORT + i)) (pid ${PIDS[-1]})"
done

# --- the front: one address for clients.
node --conditions=kapi-source --require tsx/cjs examples/ha/front.ts "$FRONT_PORT" "$WORK/ca.crt" \
  "$INSTANCE_PORT" "$((INSTANCE_PORT + 1))" "$((INSTANCE_PORT + 2))" &
PIDS+=($!)
export KUBECONFIG="$WORK/admin.kubeconfig"
until kubectl get --raw /readyz >/dev/null 2>&1; do sleep 0.5; done
kubectl create configmap ha-hello --from-literal=greeting=hello
kubectl get configmap ha-hello -o jsonpath='{.metadata.resourceVersion}{"\n"}'
echo "KUBECONFIG=$WORK/admin.kubeconfig: the cluster is behind https://127.0.0.1:$FRONT_PORT. Ctrl-C stops everything."
wait
