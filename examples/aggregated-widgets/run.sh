#!/usr/bin/env bash
# API aggregation with two kapi processes (see docs/aggregation.md):
#   1. kapi server (the aggregator) on MAIN_PORT, with a front-proxy client certificate;
#   2. an extension kapi on EXT_PORT serving only the widgets plugin, delegating to the main server with
#      --authentication-kubeconfig/--authorization-kubeconfig: front-proxy trust from its extension-apiserver-authentication
#      ConfigMap, bearer tokens reviewed there (TokenReview), every decision asked there (SubjectAccessReview);
#   3. the APIService v1.widgets.example.dev registered in the main server;
#   then `kubectl get widgets` through the main server, with the main server's RBAC.
# Run from the repository root after `npx tsc -b`: examples/aggregated-widgets/run.sh [workdir]
# Leaves both servers running until Ctrl-C. Needs openssl and kubectl.
set -euo pipefail

WORK=${1:-$(mktemp -d -t kapi-aggregation-XXXX)}
MAIN_PORT=${MAIN_PORT:-6443}
EXT_PORT=${EXT_PORT:-8444}
KAPI=${KAPI:-node_modules/.bin/kapi}
mkdir -p "$WORK" && cd "$WORK"
echo "working in $WORK"

# --- PKI: a cluster CA (serving certificates, admin), a front-proxy CA and the aggregator's client certificate.
ca() { openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.crt" -days 365 -subj "/CN=$1" 2>/dev/null; }
leaf() { # name CA subject extensions
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.csr" -subj "$3" 2>/dev/null
  printf '%s\n' "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial -out "$1.crt" -days 365 -extfile "$1.ext" 2>/dev/null
}
ca ca
ca front-proxy-ca
leaf main ca /CN=kube-apiserver $'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth'
leaf widgets-api ca /CN=widgets-api $'subjectAltName=DNS:widgets-api.default.svc,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth'
leaf admin ca "/O=system:masters/CN=kubernetes-admin" 'extendedKeyUsage=clientAuth'
leaf front-proxy-client front-proxy-ca /CN=front-proxy-client 'extendedKeyUsage=clientAuth'

kubeconfig() { # server-url file
  kubectl config --kubeconfig "$2" set-cluster main --server "$1" --certificate-authority ca.crt --embed-certs >/dev/null
  kubectl config --kubeconfig "$2" set-credentials admin --client-certificate admin.crt --client-key admin.key --embed-certs >/dev/null
  kubectl config --kubeconfig "$2" set-context main --cluster main --user admin >/dev/null
  kubectl config --kubeconfig "$2" use-context main >/dev/null
}
MAIN="https://127.0.0.1:$MAIN_PORT"
kubeconfig "$MAIN" admin.kubeconfig

REQUESTHEADER=(--requestheader-client-ca-file "$WORK/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client
  --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group --requestheader-extra-headers-prefix X-Remote-Extra-)

cd - >/dev/null
"$KAPI" server --storage-backend memory --data-dir "$WORK/main-data" --secure-port "$MAIN_PORT" \
  --tls-cert-file "$WORK/main.crt" --tls-private-key-file "$WORK/main.key" --client-ca-file "$WORK/ca.crt" \
  "${REQUESTHEADER[@]}" \
  --proxy-client-cert-file "$WORK/front-proxy-client.crt" --proxy-client-key-file "$WORK/front-proxy-client.key" \
  --aggregator-service-address "default/widgets-api:443=127.0.0.1:$EXT_PORT" --log-level warn &
MAIN_PID=$!
trap 'kill $MAIN_PID 2>/dev/null; wait' EXIT INT TERM
export KUBECONFIG="$WORK/admin.kubeconfig"
# The extension reads the front-proxy trust from the main server's extension-apiserver-authentication ConfigMap at start.
until kubectl get -n kube-system configmap extension-apiserver-authentication >/dev/null 2>&1; do sleep 0.5; done
"$KAPI" server --storage-backend memory --data-dir "$WORK/ext-data" --secure-port "$EXT_PORT" \
  --tls-cert-file "$WORK/widgets-api.crt" --tls-private-key-file "$WORK/widgets-api.key" \
  --authentication-kubeconfig "$WORK/admin.kubeconfig" --authorization-kubeconfig "$WORK/admin.kubeconfig" \
  --runtime-config api/all=false --runtime-config widgets.example.dev/v1=true --plugin @kapi/example-widgets --log-level warn &
EXT_PID=$!
trap 'kill $EXT_PID $MAIN_PID 2>/dev/null; wait' EXIT INT TERM

CA_BUNDLE=$(base64 -w0 < "$WORK/ca.crt")
kubectl apply -f - <<YAML
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1.widgets.example.dev
spec:
  group: widgets.example.dev
  version: v1
  groupPriorityMinimum: 1000
  versionPriority: 15
  service: {namespace: default, name: widgets-api, port: 443}
  caBundle: $CA_BUNDLE
YAML
kubectl wait --for=condition=Available apiservice/v1.widgets.example.dev --timeout=60s
kubectl get apiservice v1.widgets.example.dev
kubectl apply -f examples/widgets/widget.yaml
kubectl get widgets -A
echo
echo "KUBECONFIG=$WORK/admin.kubeconfig kubectl get widgets -A   # through the aggregator on $MAIN"
echo "servers running (main pid $MAIN_PID, extension pid $EXT_PID); Ctrl-C stops both"
wait
