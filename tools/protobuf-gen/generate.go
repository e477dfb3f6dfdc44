package main

import (
	"fmt"
	"go/ast"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// wellKnownTypes marshal their own JSON; the decoder maps each to a rule of its own, so the tables
// only name them (by import path and type name).
var wellKnownTypes = map[string]bool{
	"k8s.io/apimachinery/pkg/apis/meta/v1.Time":                                             true,
	"k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime":                                        true,
	"k8s.io/apimachinery/pkg/apis/meta/v1.Duration":                                         true,
	"k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1":                                         true,
	"k8s.io/apimachinery/pkg/util/intstr.IntOrString":                                       true,
	"k8s.io/apimachinery/pkg/api/resource.Quantity":                                         true,
	"k8s.io/apimachinery/pkg/runtime.RawExtension":                                          true,
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSON":                         true,
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrArray":       true,
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrBool":        true,
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrStringArray": true,
}

var goScalars = map[string]string{
	"string": "string", "bool": "bool", "int32": "int32", "int64": "int64", "int": "int64",
	"uint32": "uint32", "float64": "double",
}

// table is the generated descriptor table of one Go package.
type table struct {
	Package    string           `json:"package"`
	APIVersion string           `json:"apiVersion,omitempty"`
	Kinds      []string         `json:"kinds,omitempty"`
	Lists      map[string]any   `json:"lists,omitempty"`
	Messages   map[string][]row `json:"messages"`
}

// row is [fieldNumber, jsonName, type] or [fieldNumber, jsonName, type, mode].
type row []any

type pending struct{ pkg, name string }

// generator walks the Go types reachable from the served packages and fills one table per package.
type generator struct {
	loader *loader
	tables map[string]*table
	queue  []pending
}

func (g *generator) tableOf(importPath string) *table {
	t, ok := g.tables[importPath]
	if !ok {
		t = &table{Package: importPath, Lists: map[string]any{}, Messages: map[string][]row{}}
		g.tables[importPath] = t
	}
	return t
}

// addServed makes every struct of a served package with protobuf fields a message, and every
// struct that embeds TypeMeta a kind of its apiVersion.
func (g *generator) addServed(apiVersion, importPath string) error {
	p, err := g.loader.load(importPath)
	if err != nil {
		return err
	}
	t := g.tableOf(importPath)
	t.APIVersion = apiVersion
	names := make([]string, 0, len(p.types))
	for name := range p.types {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		st, ok := p.types[name].spec.Type.(*ast.StructType)
		if !ok || p.customJSON[name] || !hasProtobufField(st) {
			continue
		}
		g.queue = append(g.queue, pending{importPath, name})
		if embedsTypeMeta(st) {
			t.Kinds = append(t.Kinds, name)
		}
	}
	return g.drain()
}

func (g *generator) drain() error {
	for len(g.queue) > 0 {
		next := g.queue[0]
		g.queue = g.queue[1:]
		t := g.tableOf(next.pkg)
		if _, done := t.Messages[next.name]; done {
			continue
		}
		p, err := g.loader.load(next.pkg)
		if err != nil {
			return err
		}
		rows, err := g.messageRows(p, p.types[next.name])
		if err != nil {
			return fmt.Errorf("%s.%s: %w", next.pkg, next.name, err)
		}
		t.Messages[next.name] = rows
	}
	return nil
}

func (g *generator) messageRows(p *goPackage, d *typeDecl) ([]row, error) {
	rows := []row{}
	for _, f := range d.spec.Type.(*ast.StructType).Fields.List {
		if f.Tag == nil {
			continue
		}
		tagText, _ := strconv.Unquote(f.Tag.Value)
		tag := reflect.StructTag(tagText)
		pb, js := tag.Get("protobuf"), tag.Get("json")
		if pb == "" || pb == "-" || js == "-" {
			continue
		}
		number, err := strconv.Atoi(strings.Split(pb, ",")[1])
		if err != nil {
			return nil, fmt.Errorf("protobuf tag %q: %w", pb, err)
		}
		jsonName, opts, _ := strings.Cut(js, ",")
		if err := knownJSONOptions(opts); err != nil {
			return nil, fmt.Errorf("field %s: %w", jsonName, err)
		}
		if jsonName == "" && len(f.Names) > 0 {
			jsonName = f.Names[0].Name
		}
		typ, pointer, err := g.resolve(p, d.imports, f.Type)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", jsonName, err)
		}
		// encoding/json promotes the fields of an embedded struct that its tag leaves unnamed.
		inline := hasOpt(opts, "inline") || (len(f.Names) == 0 && jsonName == "")
		r := row{number, jsonName, typ}
		if mode := fieldMode(inline, hasOpt(opts, "omitempty"), pointer); mode != "" {
			r = append(r, mode)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// fieldMode says how encoding/json renders the Go field when the wire leaves it out (descriptor.ts).
func fieldMode(inline, omitempty, pointer bool) string {
	switch {
	case inline:
		return "inline"
	case pointer && omitempty:
		return "pointer"
	case pointer:
		return "nullable"
	case !omitempty:
		return "noOmitEmpty"
	}
	return ""
}

// knownJSONOptions refuses json tag options whose rendering the decoder does not know (omitzero, string).
func knownJSONOptions(opts string) error {
	for _, o := range strings.Split(opts, ",") {
		if o != "" && o != "omitempty" && o != "inline" {
			return fmt.Errorf("json option %q has no rendering rule in descriptor.ts", o)
		}
	}
	return nil
}

func hasOpt(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

func hasProtobufField(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if f.Tag != nil && strings.Contains(f.Tag.Value, `protobuf:"`) && !strings.Contains(f.Tag.Value, `protobuf:"-"`) {
			return true
		}
	}
	return false
}

func embedsTypeMeta(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if len(f.Names) != 0 {
			continue
		}
		switch t := f.Type.(type) {
		case *ast.SelectorExpr:
			if t.Sel.Name == "TypeMeta" {
				return true
			}
		case *ast.Ident:
			if t.Name == "TypeMeta" {
				return true
			}
		}
	}
	return false
}
