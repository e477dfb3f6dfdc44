package controllers

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/util/retry"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"kapi.dev/tests/go/widget"
)

func eventually(t *testing.T, what string, cond func() error) {
	t.Helper()
	var last error
	err := wait.PollUntilContextTimeout(context.Background(), 100*time.Millisecond, 30*time.Second, true, func(context.Context) (bool, error) {
		last = cond()
		return last == nil, nil
	})
	if err != nil {
		t.Fatalf("%s: %v", what, last)
	}
}

// webhooksServing waits until kapi calls the registered webhooks (its webhook configuration
// informer has seen them): a dry-run create of an oversized Widget is refused by the validator.
func webhooksServing(t *testing.T, c client.Client, ns string) {
	eventually(t, "the validating webhook to be called", func() error {
		w := &widget.Widget{ObjectMeta: metav1.ObjectMeta{Name: "probe", Namespace: ns}, Spec: widget.WidgetSpec{Size: widget.MaxSize + 1}}
		err := c.Create(context.Background(), w, client.DryRunAll)
		if err == nil {
			return errWebhookNotCalled
		}
		if !strings.Contains(err.Error(), "larger than") {
			return err
		}
		return nil
	})
}

var errWebhookNotCalled = apierrors.NewBadRequest("webhook not called yet")

func TestOperatorReconcilesOwnedObjects(t *testing.T) {
	c := startOperator(t)
	ctx := context.Background()
	ns := namespace(t, c, "go-operator")
	webhooksServing(t, c, ns)

	w := &widget.Widget{ObjectMeta: metav1.ObjectMeta{Name: "w1", Namespace: ns}, Spec: widget.WidgetSpec{Size: 2, Greeting: "hello"}}
	if err := c.Create(ctx, w); err != nil {
		t.Fatal(err)
	}
	// The defaulting webhook (served by the manager, called by kapi) set the image.
	if w.Spec.Image != widget.DefaultImage {
		t.Fatalf("defaulted image: %q", w.Spec.Image)
	}

	var cm corev1.ConfigMap
	var dep appsv1.Deployment
	eventually(t, "the owned ConfigMap and Deployment", func() error {
		if err := c.Get(ctx, types.NamespacedName{Namespace: ns, Name: "w1-config"}, &cm); err != nil {
			return err
		}
		return c.Get(ctx, types.NamespacedName{Namespace: ns, Name: "w1"}, &dep)
	})
	for _, obj := range []metav1.Object{&cm, &dep} {
		refs := obj.GetOwnerReferences()
		if len(refs) != 1 || refs[0].UID != w.UID || refs[0].Kind != "Widget" || refs[0].APIVersion != "demo.kapi.dev/v1" ||
			refs[0].Controller == nil || !*refs[0].Controller || refs[0].BlockOwnerDeletion == nil || !*refs[0].BlockOwnerDeletion {
			t.Fatalf("%s owner references: %+v", obj.GetName(), refs)
		}
	}
	if cm.Data["greeting"] != "hello" || *dep.Spec.Replicas != 2 || dep.Spec.Template.Spec.Containers[0].Image != widget.DefaultImage {
		t.Fatalf("owned objects do not follow the spec: %v %d", cm.Data, *dep.Spec.Replicas)
	}
	eventually(t, "status.observedGeneration", func() error {
		var cur widget.Widget
		if err := c.Get(ctx, client.ObjectKeyFromObject(w), &cur); err != nil {
			return err
		}
		if cur.Status.ObservedGeneration != cur.Generation || cur.Status.ConfigMap != "w1-config" {
			return apierrors.NewBadRequest("status not written yet")
		}
		return nil
	})

	// A spec change reaches the Deployment; the generation moves, a status write would not move it.
	patch := client.MergeFrom(w.DeepCopy())
	w.Spec.Size = 4
	if err := c.Patch(ctx, w, patch); err != nil {
		t.Fatal(err)
	}
	if w.Generation != 2 {
		t.Fatalf("generation after a spec change: %d", w.Generation)
	}
	eventually(t, "the Deployment to scale to 4", func() error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(&dep), &dep); err != nil {
			return err
		}
		if *dep.Spec.Replicas != 4 {
			return apierrors.NewBadRequest("not yet")
		}
		return nil
	})
	// The controller watches what it owns: a deleted ConfigMap comes back (a new UID).
	oldUID := cm.UID
	if err := c.Delete(ctx, &cm); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the ConfigMap to be re-created", func() error {
		var again corev1.ConfigMap
		if err := c.Get(ctx, client.ObjectKeyFromObject(&cm), &again); err != nil {
			return err
		}
		if again.UID == oldUID {
			return apierrors.NewBadRequest("still the old one")
		}
		return nil
	})

	// The validating webhook refuses an oversized update, with its message, and nothing is stored.
	// (A merge patch carries no resourceVersion, so the reconciler's concurrent status writes cannot
	// turn the webhook's answer into a conflict.)
	big := w.DeepCopy()
	err := c.Patch(ctx, big, client.RawPatch(types.MergePatchType, []byte(`{"spec":{"size":50}}`)))
	if err == nil || !strings.Contains(err.Error(), "spec.size 50 is larger than 10") || !apierrors.IsForbidden(err) {
		t.Fatalf("oversized update: want the webhook's denial (403), got %v", err)
	}
	var stored widget.Widget
	if err := c.Get(ctx, client.ObjectKeyFromObject(w), &stored); err != nil || stored.Spec.Size != 4 {
		t.Fatalf("stored size after the denial: %v %d", err, stored.Spec.Size)
	}
	// The CRD's own schema still applies after the webhooks (minimum: 0).
	neg := stored.DeepCopy()
	neg.Spec.Size = -1
	if err := c.Update(ctx, neg); !apierrors.IsInvalid(err) {
		t.Fatalf("negative size: want Invalid from the CRD schema, got %v", err)
	}
}

// Two writers race on the status subresource: each read-modify-write that lost the race gets 409
// Conflict and retries on a fresh read (retry.RetryOnConflict); no increment is lost.
func TestStatusUpdateConflictsAndRetries(t *testing.T) {
	c := startOperator(t)
	ctx := context.Background()
	ns := namespace(t, c, "go-status")
	webhooksServing(t, c, ns)
	w := &widget.Widget{ObjectMeta: metav1.ObjectMeta{Name: "racy", Namespace: ns}, Spec: widget.WidgetSpec{Size: 1, Greeting: "hi"}}
	if err := c.Create(ctx, w); err != nil {
		t.Fatal(err)
	}
	// A write from a stale read is refused outright.
	var stale widget.Widget
	if err := c.Get(ctx, client.ObjectKeyFromObject(w), &stale); err != nil {
		t.Fatal(err)
	}
	if err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		var cur widget.Widget
		if err := c.Get(ctx, client.ObjectKeyFromObject(w), &cur); err != nil {
			return err
		}
		cur.Status.Touches = 99
		return c.Status().Update(ctx, &cur)
	}); err != nil {
		t.Fatalf("status update: %v", err)
	}
	stale.Status.Touches = 100
	if err := c.Status().Update(ctx, &stale); !apierrors.IsConflict(err) {
		t.Fatalf("status update with a stale resourceVersion: want Conflict, got %v", err)
	}

	const writers, each = 3, 10
	var conflicts atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := 0; i < writers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < each; j++ {
				err := retry.RetryOnConflict(wait.Backoff{Steps: 50, Duration: 5 * time.Millisecond, Factor: 1.2, Jitter: 0.5}, func() error {
					var cur widget.Widget
					if err := c.Get(ctx, client.ObjectKeyFromObject(w), &cur); err != nil {
						return err
					}
					cur.Status.Touches++
					err := c.Status().Update(ctx, &cur)
					if apierrors.IsConflict(err) {
						conflicts.Add(1)
					}
					return err
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var final widget.Widget
	if err := c.Get(ctx, client.ObjectKeyFromObject(w), &final); err != nil {
		t.Fatal(err)
	}
	if final.Status.Touches != 99+writers*each {
		t.Fatalf("touches: %d, want %d (%d conflicts)", final.Status.Touches, 99+writers*each, conflicts.Load())
	}
	if conflicts.Load() == 0 {
		t.Fatal("three racing writers never conflicted")
	}
	// Status writes do not move the generation; the spec is untouched by them.
	if final.Generation != 1 || final.Spec.Size != 1 {
		t.Fatalf("generation %d, size %d after status writes", final.Generation, final.Spec.Size)
	}
	t.Logf("%d conflicts retried", conflicts.Load())
}
