//go:build tools

// Package tools names kwok, the node and pod simulator scripts/ensure-kwok.sh builds, so
// `go mod tidy` keeps its dependencies.
package tools

import (
	_ "sigs.k8s.io/kwok/cmd/kwok"
)
