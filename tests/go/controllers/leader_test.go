package controllers

import (
	"context"
	"testing"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/manager"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"kapi.dev/tests/go/kapitest"
)

type candidate struct {
	mgr    manager.Manager
	cancel context.CancelFunc
	done   chan error
}

func startCandidate(t *testing.T, ns string) *candidate {
	t.Helper()
	lease, renew, retryPeriod := 3*time.Second, 2*time.Second, 250*time.Millisecond
	mgr, err := ctrl.NewManager(kapitest.Config(t), ctrl.Options{
		Scheme:                        newScheme(t),
		Metrics:                       metricsserver.Options{BindAddress: "0"},
		HealthProbeBindAddress:        "0",
		LeaderElection:                true,
		LeaderElectionID:              "widget-operator",
		LeaderElectionNamespace:       ns,
		LeaderElectionReleaseOnCancel: true,
		LeaseDuration:                 &lease,
		RenewDeadline:                 &renew,
		RetryPeriod:                   &retryPeriod,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &candidate{mgr: mgr, cancel: cancel, done: make(chan error, 1)}
	go func() { c.done <- mgr.Start(ctx) }()
	t.Cleanup(func() { c.stop(t) })
	return c
}

func (c *candidate) stop(t *testing.T) {
	if c.cancel == nil {
		return
	}
	c.cancel()
	c.cancel = nil
	if err := <-c.done; err != nil {
		t.Errorf("manager: %v", err)
	}
}

func elected(c *candidate) bool {
	select {
	case <-c.mgr.Elected():
		return true
	default:
		return false
	}
}

// Two managers with leader election over a coordination.k8s.io Lease: one leads, the other waits;
// when the leader stops (releasing the Lease on cancel) the other takes over.
func TestLeaderElectionBetweenTwoManagers(t *testing.T) {
	direct, err := client.New(kapitest.Config(t), client.Options{Scheme: newScheme(t)})
	if err != nil {
		t.Fatal(err)
	}
	ns := namespace(t, direct, "go-leader")
	a := startCandidate(t, ns)
	select {
	case <-a.mgr.Elected():
	case <-time.After(20 * time.Second):
		t.Fatal("the first manager was never elected")
	}
	b := startCandidate(t, ns)
	time.Sleep(2 * time.Second)
	if elected(b) {
		t.Fatal("the second manager was elected while the first leads")
	}
	var lease coordinationv1.Lease
	if err := direct.Get(context.Background(), types.NamespacedName{Namespace: ns, Name: "widget-operator"}, &lease); err != nil {
		t.Fatal(err)
	}
	first := *lease.Spec.HolderIdentity
	a.stop(t)
	select {
	case <-b.mgr.Elected():
	case <-time.After(20 * time.Second):
		t.Fatal("the second manager never took over")
	}
	if err := direct.Get(context.Background(), types.NamespacedName{Namespace: ns, Name: "widget-operator"}, &lease); err != nil {
		t.Fatal(err)
	}
	if *lease.Spec.HolderIdentity == first || *lease.Spec.LeaseTransitions < 1 {
		t.Fatalf("lease after the hand-over: holder %s (first %s), transitions %d", *lease.Spec.HolderIdentity, first, *lease.Spec.LeaseTransitions)
	}
}
