// Command cel-conformance converts the cel-spec conformance suite's simple tests
// (cel.dev/expr, the Go module of github.com/google/cel-spec: tests/simple/testdata/*.textproto)
// to protojson, one JSON file per textproto, so kapi's CEL engine can run them from TypeScript.
//
//	cel-conformance <testdata dir> <out dir>
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cel.dev/expr/conformance/test"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/encoding/prototext"

	// The messages the tests' Any values and extensions name must be registered to be parsed.
	_ "cel.dev/expr/conformance/proto2"
	_ "cel.dev/expr/conformance/proto3"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: cel-conformance <testdata dir> <out dir>")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.textproto"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(os.Stderr, "cel-conformance: no textproto files in %s\n", os.Args[1])
		os.Exit(1)
	}
	if err := os.MkdirAll(os.Args[2], 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	failed := false
	for _, f := range files {
		if err := convert(f, os.Args[2]); err != nil {
			// A file this version of the types cannot parse is reported and skipped, not fatal.
			fmt.Fprintf(os.Stderr, "cel-conformance: %s: %v\n", filepath.Base(f), err)
			failed = true
		}
	}
	if failed {
		os.Exit(3)
	}
}

func convert(file, outDir string) error {
	text, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var suite test.SimpleTestFile
	if err := (prototext.UnmarshalOptions{}).Unmarshal(text, &suite); err != nil {
		return err
	}
	out, err := (protojson.MarshalOptions{UseProtoNames: true}).Marshal(&suite)
	if err != nil {
		return err
	}
	name := strings.TrimSuffix(filepath.Base(file), ".textproto") + ".json"
	return os.WriteFile(filepath.Join(outDir, name), out, 0o644)
}
