package main

import (
	"fmt"
	"go/ast"
	"strings"
)

// resolve turns a Go field type into a table type: a scalar name, a message reference
// ("Name" in the same package, "<import path>.Name" across packages), {"list": T} or {"map": T}.
// pointer reports a top-level *T.
func (g *generator) resolve(p *goPackage, imports map[string]string, e ast.Expr) (any, bool, error) {
	if star, ok := e.(*ast.StarExpr); ok {
		t, err := g.resolveValue(p, imports, star.X)
		return t, true, err
	}
	t, err := g.resolveValue(p, imports, e)
	return t, false, err
}

func (g *generator) resolveValue(p *goPackage, imports map[string]string, e ast.Expr) (any, error) {
	switch t := e.(type) {
	case *ast.Ident:
		if scalar, ok := goScalars[t.Name]; ok {
			return scalar, nil
		}
		return g.resolveNamed(p, p, t.Name)
	case *ast.SelectorExpr:
		pkgName, _ := t.X.(*ast.Ident)
		if pkgName == nil || imports[pkgName.Name] == "" {
			return nil, fmt.Errorf("unresolved package in %v", t)
		}
		other, err := g.loader.load(imports[pkgName.Name])
		if err != nil {
			return nil, err
		}
		return g.resolveNamed(p, other, t.Sel.Name)
	case *ast.ArrayType:
		if t.Len != nil {
			return nil, fmt.Errorf("fixed-size arrays have no protobuf form")
		}
		if id, ok := t.Elt.(*ast.Ident); ok && (id.Name == "byte" || id.Name == "uint8") {
			return "bytes", nil
		}
		el, err := g.resolveElement(p, imports, t.Elt)
		return map[string]any{"list": el}, err
	case *ast.MapType:
		key, err := g.resolveValue(p, imports, t.Key)
		if err != nil {
			return nil, err
		}
		if key != "string" {
			return nil, fmt.Errorf("map keys other than strings are not supported (%v)", key)
		}
		el, err := g.resolveElement(p, imports, t.Value)
		return map[string]any{"map": el}, err
	}
	return nil, fmt.Errorf("unsupported Go type %T", e)
}

// resolveElement resolves a list element or map value, which must be a scalar or a message.
func (g *generator) resolveElement(p *goPackage, imports map[string]string, e ast.Expr) (any, error) {
	el, err := g.resolveValue(p, imports, e)
	if err != nil {
		return nil, err
	}
	if _, nested := el.(map[string]any); nested {
		return nil, fmt.Errorf("a list or map of lists or maps needs a named wrapper type")
	}
	return el, nil
}

// resolveNamed resolves a named type of package owner, seen from package from: structs become
// messages, nullable named slices list wrappers, other named types their underlying type.
func (g *generator) resolveNamed(from, owner *goPackage, name string) (any, error) {
	d, ok := owner.types[name]
	if !ok {
		return nil, fmt.Errorf("type %s.%s not found", owner.importPath, name)
	}
	qualified := owner.importPath + "." + name
	ref := name
	if owner != from {
		ref = qualified
	}
	if owner.customJSON[name] {
		if !wellKnownTypes[qualified] {
			return nil, fmt.Errorf("%s marshals its own JSON and has no decoding rule (add one to well-known.ts and wellKnownTypes)", qualified)
		}
		return qualified, nil
	}
	if d.spec.Assign.IsValid() {
		return g.resolveValue(owner, d.imports, d.spec.Type)
	}
	switch t := d.spec.Type.(type) {
	case *ast.StructType:
		g.queue = append(g.queue, pending{owner.importPath, name})
		return ref, nil
	case *ast.ArrayType:
		// go-to-protobuf wraps a slice marked nullable in a message {repeated items = 1}, so that
		// a map value can tell nil from empty; JSON still writes the bare list.
		if strings.Contains(d.doc, "+protobuf.nullable=true") {
			el, err := g.resolveElement(owner, d.imports, t.Elt)
			if err != nil {
				return nil, err
			}
			g.tableOf(owner.importPath).Lists[name] = el
			return ref, nil
		}
	}
	return g.resolveValue(owner, d.imports, d.spec.Type)
}
