package clientgo

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes/scheme"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/events"
	"k8s.io/client-go/tools/record"
)

// Both event recorders client-go offers: the core/v1 one (tools/record, still what most controllers
// use, with its aggregation of repeats into a count) and the events.k8s.io/v1 one (tools/events).
func TestEventRecorders(t *testing.T) {
	cs := clientset(t)
	ctx := context.Background()
	ns := namespace(t, cs, "go-events")
	cm, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "subject"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}

	legacy := record.NewBroadcaster()
	defer legacy.Shutdown()
	legacy.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: cs.CoreV1().Events("")})
	recorder := legacy.NewRecorder(scheme.Scheme, corev1.EventSource{Component: "go-test"})
	for i := 0; i < 3; i++ {
		recorder.Event(cm, corev1.EventTypeNormal, "Repeated", "the same thing happened")
	}
	recorder.Eventf(cm, corev1.EventTypeWarning, "Odd", "value %d", 7)

	err = wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, 15*time.Second, true, func(ctx context.Context) (bool, error) {
		list, err := cs.CoreV1().Events(ns).List(ctx, metav1.ListOptions{FieldSelector: "involvedObject.name=subject,reason=Repeated"})
		if err != nil {
			return false, err
		}
		// The broadcaster creates the event once, then PATCHes its count (a strategic merge patch).
		return len(list.Items) == 1 && list.Items[0].Count == 3 && list.Items[0].InvolvedObject.UID == cm.UID, nil
	})
	if err != nil {
		t.Fatalf("core/v1 event with count 3: %v", err)
	}
	warnings, err := cs.CoreV1().Events(ns).List(ctx, metav1.ListOptions{FieldSelector: "type=Warning"})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings.Items) != 1 || warnings.Items[0].Message != "value 7" {
		t.Fatalf("warning event: %+v", warnings.Items)
	}

	modern := events.NewBroadcaster(&events.EventSinkImpl{Interface: cs.EventsV1()})
	stop := make(chan struct{})
	defer close(stop)
	modern.StartRecordingToSink(stop)
	defer modern.Shutdown()
	rec := modern.NewRecorder(scheme.Scheme, "go-test-controller")
	rec.Eventf(cm, nil, corev1.EventTypeNormal, "Synced", "Sync", "synced %s", cm.Name)
	err = wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, 15*time.Second, true, func(ctx context.Context) (bool, error) {
		list, err := cs.EventsV1().Events(ns).List(ctx, metav1.ListOptions{})
		if err != nil {
			return false, err
		}
		for _, e := range list.Items {
			if e.Reason == "Synced" && e.Action == "Sync" && e.Regarding.Name == "subject" && e.ReportingController == "go-test-controller" && e.Note == "synced subject" {
				return true, nil
			}
		}
		return false, nil
	})
	if err != nil {
		t.Fatalf("events.k8s.io/v1 event: %v", err)
	}
}
