// Command protobuf-gen writes the protobuf descriptor tables kapi decodes request bodies with, read
// from the Go type declarations of the Kubernetes API modules: for every Go package, its messages
// as rows [field number, JSON name, type, mode] in Go struct order (the semantics of
// packages/apiserver-core/src/runtime/protobuf/descriptor.ts). scripts/generate-protobuf.sh runs it.
//
//	protobuf-gen -out DIR -module k8s.io/api=DIR [-module …]
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

type moduleFlags map[string]string

func (m moduleFlags) String() string { return fmt.Sprint(map[string]string(m)) }

func (m moduleFlags) Set(v string) error {
	path, dir, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("want module=dir, got %q", v)
	}
	m[path] = dir
	return nil
}

func main() {
	modules := moduleFlags{}
	out := flag.String("out", "", "directory to write the tables to")
	version := flag.String("version", "", "the pinned version of the Kubernetes API modules, recorded in index.json")
	flag.Var(modules, "module", "module path=source directory (repeatable)")
	flag.Parse()
	if *out == "" || len(modules) == 0 {
		flag.Usage()
		os.Exit(2)
	}
	g := &generator{loader: &loader{modules: modules, packages: map[string]*goPackage{}}, tables: map[string]*table{}}
	for _, s := range servedPackages {
		if err := g.addServed(s.apiVersion, s.importPath); err != nil {
			fmt.Fprintf(os.Stderr, "protobuf-gen: %s: %v\n", s.apiVersion, err)
			os.Exit(1)
		}
	}
	if err := write(*out, *version, g.tables); err != nil {
		fmt.Fprintf(os.Stderr, "protobuf-gen: %v\n", err)
		os.Exit(1)
	}
}
