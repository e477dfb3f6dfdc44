//go:build tools

// Package tools names the helm command, which scripts/ensure-helm.sh builds, so `go mod tidy`
// keeps its dependencies.
package tools

import (
	_ "helm.sh/helm/v4/cmd/helm"
)
