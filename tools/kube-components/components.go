//go:build tools

// Package components names the commands scripts/ensure-kube-components.sh builds, so `go mod tidy`
// keeps their dependencies.
package components

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
