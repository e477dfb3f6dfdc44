//go:build tools

// Package components names the workload components scripts/ensure-kube-components.sh builds at
// KUBE_COMPONENTS_VERSION (the release kube-controller-manager and kube-scheduler are tested at
// against kapi), so `go mod tidy` keeps their dependencies.
package components

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
