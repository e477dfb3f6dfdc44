// Package clientgo exercises client-go's typed, dynamic, discovery, informer and event clients against kapi.
package clientgo

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	corev1ac "k8s.io/client-go/applyconfigurations/core/v1"
	"k8s.io/client-go/kubernetes"

	"kapi.dev/tests/go/kapitest"
)

func clientset(t *testing.T) *kubernetes.Clientset {
	t.Helper()
	cs, err := kubernetes.NewForConfig(kapitest.Config(t))
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// namespace creates a namespace for one test and deletes it when the test ends.
func namespace(t *testing.T, cs kubernetes.Interface, name string) string {
	t.Helper()
	ctx := context.Background()
	_, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create namespace %s: %v", name, err)
	}
	t.Cleanup(func() { _ = cs.CoreV1().Namespaces().Delete(context.Background(), name, metav1.DeleteOptions{}) })
	return name
}

func TestTypedCRUD(t *testing.T) {
	cs := clientset(t)
	ctx := context.Background()
	ns := namespace(t, cs, "go-typed-crud")
	cms := cs.CoreV1().ConfigMaps(ns)

	created, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "one", Labels: map[string]string{"app": "a"}}, Data: map[string]string{"k": "v"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if created.UID == "" || created.ResourceVersion == "" || created.CreationTimestamp.IsZero() {
		t.Fatalf("create did not fill the server's metadata: %+v", created.ObjectMeta)
	}
	again := created.DeepCopy()
	again.ResourceVersion = "" // kube refuses a create that carries a resourceVersion before it looks for the name
	if _, err := cms.Create(ctx, again, metav1.CreateOptions{}); !apierrors.IsAlreadyExists(err) {
		t.Fatalf("second create: want AlreadyExists, got %v", err)
	}

	got, err := cms.Get(ctx, "one", metav1.GetOptions{})
	if err != nil || got.Data["k"] != "v" {
		t.Fatalf("get: %v %+v", err, got)
	}
	got.Data["k"] = "w"
	updated, err := cms.Update(ctx, got, metav1.UpdateOptions{})
	if err != nil || updated.ResourceVersion == got.ResourceVersion {
		t.Fatalf("update: %v (rv %s -> %s)", err, got.ResourceVersion, updated.ResourceVersion)
	}
	// The stale copy (old resourceVersion) must be refused with 409, as etcd's compare-and-swap says.
	got.Data["k"] = "stale"
	if _, err := cms.Update(ctx, got, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Fatalf("stale update: want Conflict, got %v", err)
	}
	// Dry run answers the result and stores nothing.
	dry := updated.DeepCopy()
	dry.Data["k"] = "dry"
	if out, err := cms.Update(ctx, dry, metav1.UpdateOptions{DryRun: []string{metav1.DryRunAll}}); err != nil || out.Data["k"] != "dry" {
		t.Fatalf("dry-run update: %v", err)
	}
	if again, _ := cms.Get(ctx, "one", metav1.GetOptions{}); again.Data["k"] != "w" {
		t.Fatalf("dry run was stored: %v", again.Data)
	}

	if err := cms.Delete(ctx, "one", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: ptr(types.UID("wrong"))}}); !apierrors.IsConflict(err) {
		t.Fatalf("delete with a wrong UID precondition: want Conflict, got %v", err)
	}
	if err := cms.Delete(ctx, "one", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cms.Get(ctx, "one", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("get after delete: want NotFound, got %v", err)
	}
	var status *apierrors.StatusError
	_, err = cms.Get(ctx, "one", metav1.GetOptions{})
	if !asStatus(err, &status) || status.ErrStatus.Details == nil || status.ErrStatus.Details.Kind != "configmaps" || status.ErrStatus.Message != `configmaps "one" not found` {
		t.Fatalf("NotFound status as kube words it: %#v", err)
	}
}

func TestPatchTypes(t *testing.T) {
	cs := clientset(t)
	ctx := context.Background()
	ns := namespace(t, cs, "go-patch")
	deployments := cs.AppsV1().Deployments(ns)
	labels := map[string]string{"app": "p"}
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "p", Labels: map[string]string{"a": "1"}},
		Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: corev1.PodSpec{Containers: []corev1.Container{
				{Name: "main", Image: "busybox:1", Env: []corev1.EnvVar{{Name: "X", Value: "1"}}},
				{Name: "side", Image: "busybox:1"},
			}}},
		},
	}
	if _, err := deployments.Create(ctx, d, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	// JSON patch: an RFC 6902 operation list, including a failing test op that must change nothing.
	out, err := deployments.Patch(ctx, "p", types.JSONPatchType, []byte(`[{"op":"add","path":"/metadata/labels/b","value":"2"}]`), metav1.PatchOptions{})
	if err != nil || out.Labels["b"] != "2" {
		t.Fatalf("json patch: %v %v", err, out.Labels)
	}
	if _, err := deployments.Patch(ctx, "p", types.JSONPatchType, []byte(`[{"op":"test","path":"/metadata/labels/a","value":"9"},{"op":"remove","path":"/metadata/labels/a"}]`), metav1.PatchOptions{}); err == nil {
		t.Fatal("json patch with a failing test op was accepted")
	}
	// Merge patch: null deletes a key; lists are replaced whole.
	out, err = deployments.Patch(ctx, "p", types.MergePatchType, []byte(`{"metadata":{"labels":{"a":null,"c":"3"}}}`), metav1.PatchOptions{})
	if err != nil || out.Labels["a"] != "" || out.Labels["c"] != "3" || out.Labels["b"] != "2" {
		t.Fatalf("merge patch: %v %v", err, out.Labels)
	}
	// Strategic merge patch: containers merge by name, env by name.
	out, err = deployments.Patch(ctx, "p", types.StrategicMergePatchType, []byte(`{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"busybox:2","env":[{"name":"Y","value":"2"}]}]}}}}`), metav1.PatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cs0 := out.Spec.Template.Spec.Containers
	if len(cs0) != 2 || cs0[0].Image != "busybox:2" || len(cs0[0].Env) != 2 || cs0[1].Name != "side" {
		t.Fatalf("strategic merge did not merge by key: %+v", cs0)
	}
	// $patch: delete removes one element by its merge key.
	out, err = deployments.Patch(ctx, "p", types.StrategicMergePatchType, []byte(`{"spec":{"template":{"spec":{"containers":[{"name":"main","env":[{"name":"X","$patch":"delete"}]}]}}}}`), metav1.PatchOptions{})
	if err != nil || len(out.Spec.Template.Spec.Containers[0].Env) != 1 || out.Spec.Template.Spec.Containers[0].Env[0].Name != "Y" {
		t.Fatalf("strategic $patch delete: %v %+v", err, out.Spec.Template.Spec.Containers[0].Env)
	}
	// A merge patch replaces the container list whole (no merge keys in JSON merge patch).
	out, err = deployments.Patch(ctx, "p", types.MergePatchType, []byte(`{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"busybox:3"}]}}}}`), metav1.PatchOptions{})
	if err != nil || len(out.Spec.Template.Spec.Containers) != 1 || out.Spec.Template.Spec.Containers[0].Name != "only" {
		t.Fatalf("merge patch of a list: %v", err)
	}
	// A patch that makes the object invalid is refused with 422 and stores nothing.
	_, err = deployments.Patch(ctx, "p", types.MergePatchType, []byte(`{"spec":{"replicas":-1}}`), metav1.PatchOptions{})
	if !apierrors.IsInvalid(err) {
		t.Fatalf("negative replicas: want Invalid, got %v", err)
	}
	if cur, _ := deployments.Get(ctx, "p", metav1.GetOptions{}); cur.Spec.Replicas == nil || *cur.Spec.Replicas != 1 {
		t.Fatalf("the refused patch was stored: %v", cur.Spec.Replicas)
	}
}

func TestServerSideApply(t *testing.T) {
	cs := clientset(t)
	ctx := context.Background()
	ns := namespace(t, cs, "go-ssa")
	cms := cs.CoreV1().ConfigMaps(ns)

	applied, err := cms.Apply(ctx, corev1ac.ConfigMap("cfg", ns).WithLabels(map[string]string{"owner": "a"}).WithData(map[string]string{"a": "1"}), metav1.ApplyOptions{FieldManager: "manager-a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(applied.ManagedFields) != 1 || applied.ManagedFields[0].Manager != "manager-a" || applied.ManagedFields[0].Operation != metav1.ManagedFieldsOperationApply {
		t.Fatalf("managed fields after apply: %+v", applied.ManagedFields)
	}
	// A second manager owns another key; both keys stay.
	if _, err := cms.Apply(ctx, corev1ac.ConfigMap("cfg", ns).WithData(map[string]string{"b": "2"}), metav1.ApplyOptions{FieldManager: "manager-b"}); err != nil {
		t.Fatal(err)
	}
	// manager-b claiming manager-a's field with another value conflicts ...
	_, err = cms.Apply(ctx, corev1ac.ConfigMap("cfg", ns).WithData(map[string]string{"a": "x", "b": "2"}), metav1.ApplyOptions{FieldManager: "manager-b"})
	if !apierrors.IsConflict(err) {
		t.Fatalf("conflicting apply: want Conflict, got %v", err)
	}
	// ... unless forced, which moves ownership.
	forced, err := cms.Apply(ctx, corev1ac.ConfigMap("cfg", ns).WithData(map[string]string{"a": "x", "b": "2"}), metav1.ApplyOptions{FieldManager: "manager-b", Force: true})
	if err != nil || forced.Data["a"] != "x" {
		t.Fatalf("forced apply: %v", err)
	}
	// manager-a no longer owns data.a; dropping its label from its apply removes the label.
	out, err := cms.Apply(ctx, corev1ac.ConfigMap("cfg", ns).WithData(map[string]string{}), metav1.ApplyOptions{FieldManager: "manager-a"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.Labels["owner"]; ok || out.Data["a"] != "x" || out.Data["b"] != "2" {
		t.Fatalf("after manager-a dropped its fields: labels %v data %v", out.Labels, out.Data)
	}
	// The extract helper reads back what one manager owns, as controllers use it.
	extracted, err := corev1ac.ExtractConfigMap(out, "manager-b")
	if err != nil || extracted.Data == nil || len(extracted.Data) != 2 {
		js, _ := json.Marshal(extracted)
		t.Fatalf("extract manager-b: %v %s", err, js)
	}
}

func TestPagingAndSelectors(t *testing.T) {
	cs := clientset(t)
	ctx := context.Background()
	ns := namespace(t, cs, "go-paging")
	cms := cs.CoreV1().ConfigMaps(ns)
	for i := 0; i < 25; i++ {
		tier := "back"
		if i%5 == 0 {
			tier = "front"
		}
		cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("cm-%02d", i), Labels: map[string]string{"tier": tier}}}
		if _, err := cms.Create(ctx, cm, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	opts := metav1.ListOptions{Limit: 10}
	pages := 0
	var firstRV string
	for {
		list, err := cms.List(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if pages == 1 {
			firstRV = list.ResourceVersion
			// An object created between pages is not in the snapshot the continue token pins.
			if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cm-zz-late"}}, metav1.CreateOptions{}); err != nil {
				t.Fatal(err)
			}
		} else if list.ResourceVersion != firstRV {
			t.Fatalf("page %d has resourceVersion %s, the first had %s", pages, list.ResourceVersion, firstRV)
		}
		for _, cm := range list.Items {
			names = append(names, cm.Name)
		}
		if list.Continue == "" {
			if list.RemainingItemCount != nil {
				t.Fatalf("last page has remainingItemCount %d", *list.RemainingItemCount)
			}
			break
		}
		if pages == 1 && (list.RemainingItemCount == nil || *list.RemainingItemCount != 15) {
			t.Fatalf("first page remainingItemCount: %v", list.RemainingItemCount)
		}
		opts.Continue = list.Continue
	}
	if pages != 3 || len(names) != 25 || names[0] != "cm-00" || names[24] != "cm-24" {
		t.Fatalf("paged list: %d pages, %d names %v", pages, len(names), names)
	}
	if _, err := cms.List(ctx, metav1.ListOptions{Limit: 10, Continue: "not-a-token"}); !apierrors.IsBadRequest(err) {
		t.Fatalf("a malformed continue token: want BadRequest, got %v", err)
	}

	front, err := cms.List(ctx, metav1.ListOptions{LabelSelector: "tier=front"})
	if err != nil || len(front.Items) != 5 {
		t.Fatalf("label selector tier=front: %v %d", err, len(front.Items))
	}
	set, err := cms.List(ctx, metav1.ListOptions{LabelSelector: "tier in (front,back),tier!=back"})
	if err != nil || len(set.Items) != 5 {
		t.Fatalf("set-based selector: %v %d", err, len(set.Items))
	}
	byName, err := cms.List(ctx, metav1.ListOptions{FieldSelector: "metadata.name=cm-07"})
	if err != nil || len(byName.Items) != 1 || byName.Items[0].Name != "cm-07" {
		t.Fatalf("field selector metadata.name: %v %+v", err, byName.Items)
	}
	if _, err := cms.List(ctx, metav1.ListOptions{FieldSelector: "data.k=v"}); !apierrors.IsBadRequest(err) {
		t.Fatalf("an unsupported field selector: want BadRequest, got %v", err)
	}
	// Cluster-wide, the namespace is a field like any other.
	all, err := cs.CoreV1().ConfigMaps("").List(ctx, metav1.ListOptions{FieldSelector: "metadata.namespace=" + ns, LabelSelector: "tier=back"})
	if err != nil || len(all.Items) != 20 {
		t.Fatalf("cluster-wide list with namespace field selector: %v %d", err, len(all.Items))
	}
}

func ptr[T any](v T) *T { return &v }

func asStatus(err error, out **apierrors.StatusError) bool {
	s, ok := err.(*apierrors.StatusError)
	if ok {
		*out = s
	}
	return ok
}
