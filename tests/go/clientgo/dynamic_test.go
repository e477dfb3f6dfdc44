package clientgo

import (
	"context"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"

	"kapi.dev/tests/go/kapitest"
)

func TestDiscoveryAndRESTMapper(t *testing.T) {
	dc, err := discovery.NewDiscoveryClientForConfig(kapitest.Config(t))
	if err != nil {
		t.Fatal(err)
	}
	version, err := dc.ServerVersion()
	if err != nil || version.Major != "1" || version.GitVersion == "" {
		t.Fatalf("server version: %v %+v", err, version)
	}
	// client-go asks for the aggregated discovery documents (apidiscovery.k8s.io/v2) and gets
	// groups and resources in two requests.
	groups, resources, err := dc.ServerGroupsAndResources()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, g := range groups {
		names[g.Name] = true
	}
	for _, want := range []string{"", "apps", "batch", "rbac.authorization.k8s.io", "coordination.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io", "events.k8s.io"} {
		if !names[want] {
			t.Errorf("group %q missing from discovery", want)
		}
	}
	found := false
	for _, rl := range resources {
		if rl.GroupVersion != "apps/v1" {
			continue
		}
		for _, r := range rl.APIResources {
			if r.Name == "deployments" && r.Namespaced && r.Kind == "Deployment" && contains(r.ShortNames, "deploy") && contains(r.Verbs, "patch") {
				found = true
			}
		}
	}
	if !found {
		t.Error("apps/v1 deployments not discovered with kind, short name and verbs")
	}

	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))
	m, err := mapper.RESTMapping(schema.GroupKind{Group: "apps", Kind: "Deployment"})
	if err != nil || m.Resource != (schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}) || m.Scope.Name() != "namespace" {
		t.Fatalf("RESTMapping apps/Deployment: %v %+v", err, m)
	}
	gvk, err := mapper.KindFor(schema.GroupVersionResource{Resource: "cm"})
	if err == nil && gvk.Kind != "ConfigMap" {
		t.Fatalf("KindFor cm: %v", gvk)
	}
	ns, err := mapper.RESTMapping(schema.GroupKind{Kind: "Namespace"}, "v1")
	if err != nil || ns.Scope.Name() != "root" {
		t.Fatalf("Namespace is cluster-scoped: %v %+v", err, ns)
	}
	if _, err := mapper.RESTMapping(schema.GroupKind{Group: "nope.example", Kind: "Thing"}); err == nil {
		t.Fatal("an unknown kind mapped")
	}
}

func TestDynamicClient(t *testing.T) {
	cfg := kapitest.Config(t)
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ns := namespace(t, clientset(t), "go-dynamic")
	ctx := context.Background()
	deployments := dyn.Resource(schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}).Namespace(ns)
	obj := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"name": "web", "labels": map[string]any{"app": "web"}},
		"spec": map[string]any{
			"selector": map[string]any{"matchLabels": map[string]any{"app": "web"}},
			"template": map[string]any{
				"metadata": map[string]any{"labels": map[string]any{"app": "web"}},
				"spec":     map[string]any{"containers": []any{map[string]any{"name": "web", "image": "nginx:1"}}},
			},
		},
	}}
	created, err := deployments.Create(ctx, obj, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Defaults applied by the server (as kube's apps/v1 defaulting does).
	if r, _, _ := unstructured.NestedInt64(created.Object, "spec", "replicas"); r != 1 {
		t.Errorf("defaulted replicas: %d", r)
	}
	if s, _, _ := unstructured.NestedString(created.Object, "spec", "strategy", "type"); s != "RollingUpdate" {
		t.Errorf("defaulted strategy: %q", s)
	}
	patched, err := deployments.Patch(ctx, "web", types.MergePatchType, []byte(`{"spec":{"replicas":3}}`), metav1.PatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r, _, _ := unstructured.NestedInt64(patched.Object, "spec", "replicas"); r != 3 {
		t.Errorf("patched replicas: %d", r)
	}
	// The scale subresource through the dynamic client.
	scale, err := deployments.Get(ctx, "web", metav1.GetOptions{}, "scale")
	if err != nil || scale.GetKind() != "Scale" {
		t.Fatalf("get scale: %v %v", err, scale)
	}
	if r, _, _ := unstructured.NestedInt64(scale.Object, "spec", "replicas"); r != 3 {
		t.Errorf("scale replicas: %d", r)
	}
	applied, err := deployments.Apply(ctx, "web", &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apps/v1", "kind": "Deployment", "metadata": map[string]any{"name": "web", "annotations": map[string]any{"applied": "yes"}},
	}}, metav1.ApplyOptions{FieldManager: "dyn"})
	if err != nil || applied.GetAnnotations()["applied"] != "yes" {
		t.Fatalf("dynamic apply: %v", err)
	}
	list, err := deployments.List(ctx, metav1.ListOptions{})
	if err != nil || len(list.Items) != 1 || list.GetKind() != "DeploymentList" {
		t.Fatalf("dynamic list: %v %+v", err, list)
	}
	if err := deployments.Delete(ctx, "web", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := deployments.Get(ctx, "web", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("get after delete: %v", err)
	}
	// A group the server does not serve is a NotFound, not a hang or a 500.
	_, err = dyn.Resource(schema.GroupVersionResource{Group: "nope.example", Version: "v1", Resource: "things"}).List(ctx, metav1.ListOptions{})
	if !apierrors.IsNotFound(err) {
		t.Fatalf("unknown group: want NotFound, got %v", err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
