package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// typeDecl is one Go type declaration with what resolving its field types needs: the imports of
// the file that declares it and its doc comment (where go-to-protobuf's markers live).
type typeDecl struct {
	spec    *ast.TypeSpec
	imports map[string]string
	doc     string
}

// goPackage holds the type declarations of one package of the Kubernetes API modules.
type goPackage struct {
	importPath string
	types      map[string]*typeDecl
	// customJSON names the types that marshal themselves (MarshalJSON): their JSON form is not
	// their struct fields, so the decoder needs a hand-written rule for them.
	customJSON map[string]bool
}

// loader reads packages from the source directories of the pinned modules.
type loader struct {
	modules  map[string]string // module path → directory
	packages map[string]*goPackage
}

func (l *loader) load(importPath string) (*goPackage, error) {
	if p, ok := l.packages[importPath]; ok {
		return p, nil
	}
	dir, err := l.dirOf(importPath)
	if err != nil {
		return nil, err
	}
	p, err := parsePackage(importPath, dir)
	if err != nil {
		return nil, err
	}
	l.packages[importPath] = p
	return p, nil
}

func (l *loader) dirOf(importPath string) (string, error) {
	best := ""
	for mod := range l.modules {
		if (importPath == mod || strings.HasPrefix(importPath, mod+"/")) && len(mod) > len(best) {
			best = mod
		}
	}
	if best == "" {
		return "", fmt.Errorf("package %s is in none of the modules given with -module", importPath)
	}
	return filepath.Join(l.modules[best], strings.TrimPrefix(importPath, best)), nil
}

// skippedFile tells the files that declare no API types: tests and generated code.
func skippedFile(name string) bool {
	return !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") ||
		strings.HasPrefix(name, "zz_generated") || strings.HasSuffix(name, ".pb.go") ||
		strings.HasPrefix(name, "types_swagger_doc_generated")
}

func parsePackage(importPath, dir string) (*goPackage, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := []string{}
	for _, e := range entries {
		if !e.IsDir() && !skippedFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	p := &goPackage{importPath: importPath, types: map[string]*typeDecl{}, customJSON: map[string]bool{}}
	fset := token.NewFileSet()
	for _, name := range names {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		p.addFile(f)
	}
	return p, nil
}

func (p *goPackage) addFile(f *ast.File) {
	imports := map[string]string{}
	for _, imp := range f.Imports {
		path := strings.Trim(imp.Path.Value, `"`)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		imports[name] = path
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.GenDecl:
			if d.Tok != token.TYPE {
				continue
			}
			for _, s := range d.Specs {
				spec := s.(*ast.TypeSpec)
				doc := spec.Doc
				if doc == nil && len(d.Specs) == 1 {
					doc = d.Doc
				}
				p.types[spec.Name.Name] = &typeDecl{spec: spec, imports: imports, doc: doc.Text()}
			}
		case *ast.FuncDecl:
			if d.Recv != nil && d.Name.Name == "MarshalJSON" {
				p.customJSON[receiverName(d.Recv.List[0].Type)] = true
			}
		}
	}
}

func receiverName(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
