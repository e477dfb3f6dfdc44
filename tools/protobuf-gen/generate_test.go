package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeModule lays out Go source files under dir, keyed by path relative to it.
func writeModule(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const fakeMeta = `package v1

type TypeMeta struct {
	Kind string ` + "`json:\"kind,omitempty\" protobuf:\"bytes,1,opt,name=kind\"`" + `
}

type ObjectMeta struct {
	Name string ` + "`json:\"name,omitempty\" protobuf:\"bytes,1,opt,name=name\"`" + `
	CreationTimestamp Time ` + "`json:\"creationTimestamp,omitempty\" protobuf:\"bytes,8,opt,name=creationTimestamp\"`" + `
}

type Time struct{}

func (t Time) MarshalJSON() ([]byte, error) { return nil, nil }
`

const fakeWidgets = `package v1

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

type Widget struct {
	metav1.TypeMeta ` + "`json:\",inline\"`" + `
	metav1.ObjectMeta ` + "`json:\"metadata,omitempty\" protobuf:\"bytes,1,opt,name=metadata\"`" + `
	Spec WidgetSpec ` + "`json:\"spec\" protobuf:\"bytes,2,opt,name=spec\"`" + `
}

type Mode string

type ResourceList map[Mode]int64

// ExtraValue is wrapped on the wire.
// +protobuf.nullable=true
type ExtraValue []string

type Source struct {
	Path string ` + "`json:\"path,omitempty\" protobuf:\"bytes,1,opt,name=path\"`" + `
}

type WidgetSpec struct {
	Size *int32 ` + "`json:\"size,omitempty\" protobuf:\"varint,3,opt,name=size\"`" + `
	Ref *string ` + "`json:\"ref\" protobuf:\"bytes,4,opt,name=ref\"`" + `
	Source ` + "`json:\",inline\" protobuf:\"bytes,5,opt,name=source\"`" + `
	Names []string ` + "`json:\"names\" protobuf:\"bytes,6,rep,name=names\"`" + `
	Limits ResourceList ` + "`json:\"limits,omitempty\" protobuf:\"bytes,7,rep,name=limits,casttype=ResourceList\"`" + `
	Extra map[string]ExtraValue ` + "`json:\"extra,omitempty\" protobuf:\"bytes,8,rep,name=extra\"`" + `
	Data []byte ` + "`json:\"data,omitempty\" protobuf:\"bytes,9,opt,name=data\"`" + `
	Mode Mode ` + "`json:\"mode,omitempty\" protobuf:\"bytes,10,opt,name=mode,casttype=Mode\"`" + `
	At metav1.Time ` + "`json:\"at\" protobuf:\"bytes,11,opt,name=at\"`" + `
	Ratio float64 ` + "`json:\"ratio,omitempty\" protobuf:\"fixed64,12,opt,name=ratio\"`" + `
	Hidden string ` + "`json:\"-\" protobuf:\"bytes,13,opt,name=hidden\"`" + `
	NoProto string ` + "`json:\"noProto,omitempty\"`" + `
}
`

func newTestGenerator(t *testing.T, widgets string) *generator {
	root := t.TempDir()
	writeModule(t, root, map[string]string{
		"apimachinery/pkg/apis/meta/v1/types.go": fakeMeta,
		"api/widgets/v1/types.go":                widgets,
		"api/widgets/v1/types_test.go":           "package v1\n\nthis file is skipped",
	})
	modules := map[string]string{"k8s.io/apimachinery": filepath.Join(root, "apimachinery"), "k8s.io/api": filepath.Join(root, "api")}
	return &generator{loader: &loader{modules: modules, packages: map[string]*goPackage{}}, tables: map[string]*table{}}
}

func TestRowsFollowTheStructTags(t *testing.T) {
	g := newTestGenerator(t, fakeWidgets)
	if err := g.addServed("widgets.example/v1", "k8s.io/api/widgets/v1"); err != nil {
		t.Fatal(err)
	}
	tb := g.tables["k8s.io/api/widgets/v1"]
	got, _ := json.Marshal(map[string]any{"kinds": tb.Kinds, "lists": tb.Lists, "spec": tb.Messages["WidgetSpec"], "widget": tb.Messages["Widget"]})
	want := `{"kinds":["Widget"],"lists":{"ExtraValue":"string"},` +
		`"spec":[[3,"size","int32","pointer"],[4,"ref","string","nullable"],[5,"","Source","inline"],` +
		`[6,"names",{"list":"string"},"noOmitEmpty"],[7,"limits",{"map":"int64"}],[8,"extra",{"map":"ExtraValue"}],` +
		`[9,"data","bytes"],[10,"mode","string"],[11,"at","k8s.io/apimachinery/pkg/apis/meta/v1.Time","noOmitEmpty"],[12,"ratio","double"]],` +
		`"widget":[[1,"metadata","k8s.io/apimachinery/pkg/apis/meta/v1.ObjectMeta"],[2,"spec","WidgetSpec","noOmitEmpty"]]}`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, ok := g.tables["k8s.io/apimachinery/pkg/apis/meta/v1"].Messages["ObjectMeta"]; !ok {
		t.Error("ObjectMeta, reached from Widget, has no table")
	}
}

func TestAnUnknownSelfMarshallingTypeStopsTheGenerator(t *testing.T) {
	widgets := fakeWidgets + "\nfunc (m Source) MarshalJSON() ([]byte, error) { return nil, nil }\n"
	err := newTestGenerator(t, widgets).addServed("widgets.example/v1", "k8s.io/api/widgets/v1")
	if err == nil || !strings.Contains(err.Error(), "k8s.io/api/widgets/v1.Source marshals its own JSON") {
		t.Fatalf("got %v", err)
	}
}

func TestAListOfListsStopsTheGenerator(t *testing.T) {
	widgets := strings.Replace(fakeWidgets, "Names []string", "Names [][]string", 1)
	err := newTestGenerator(t, widgets).addServed("widgets.example/v1", "k8s.io/api/widgets/v1")
	if err == nil || !strings.Contains(err.Error(), "field names: a list or map of lists") {
		t.Fatalf("got %v", err)
	}
}

func TestAnUnknownJSONOptionStopsTheGenerator(t *testing.T) {
	widgets := strings.Replace(fakeWidgets, "json:\"mode,omitempty\"", "json:\"mode,omitzero\"", 1)
	err := newTestGenerator(t, widgets).addServed("widgets.example/v1", "k8s.io/api/widgets/v1")
	if err == nil || !strings.Contains(err.Error(), `json option "omitzero"`) {
		t.Fatalf("got %v", err)
	}
}
