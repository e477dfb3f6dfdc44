package controllers

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"kapi.dev/tests/go/widget"
	widgetv2 "kapi.dev/tests/go/widget/v2"
)

// A Widget written as v2 is stored as v1 (the storage version) and read back in either version:
// kapi sends ConversionReviews to the manager's /convert, where controller-runtime converts through
// the v1 hub. (The v1-only admission webhooks are not asked about v2 writes: kapi does not yet send
// a request to a webhook through an equivalent version — matchPolicy Equivalent — as kube does.)
func TestConversionWebhook(t *testing.T) {
	c := startOperator(t)
	ctx := context.Background()
	ns := namespace(t, c, "go-conversion")
	webhooksServing(t, c, ns)

	w2 := &widgetv2.Widget{ObjectMeta: metav1.ObjectMeta{Name: "w2", Namespace: ns}, Spec: widgetv2.WidgetSpec{Replicas: 3, Message: widgetv2.Message{Text: "hej"}}}
	var err error
	eventually(t, "a v2 create to pass conversion", func() error { err = c.Create(ctx, w2); return err })
	if w2.Spec.Replicas != 3 || w2.Spec.Message.Text != "hej" {
		t.Fatalf("v2 create answered %+v", w2.Spec)
	}
	var asV1 widget.Widget
	if err := c.Get(ctx, client.ObjectKeyFromObject(w2), &asV1); err != nil {
		t.Fatal(err)
	}
	if asV1.Spec.Size != 3 || asV1.Spec.Greeting != "hej" {
		t.Fatalf("read as v1: %+v", asV1.Spec)
	}
	var list widgetv2.WidgetList
	if err := c.List(ctx, &list, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || list.Items[0].Spec.Replicas != 3 || list.Items[0].Spec.Message.Text != "hej" {
		t.Fatalf("v2 list: %+v", list.Items)
	}
}
