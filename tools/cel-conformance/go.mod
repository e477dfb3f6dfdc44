module github.com/kapi/tools/cel-conformance

go 1.23.0

require (
	cel.dev/expr v0.25.1
	google.golang.org/protobuf v1.36.10
)
