// Package envtest is a kubebuilder-style suite: controller-runtime's envtest starts the control
// plane found in KUBEBUILDER_ASSETS (kapi's `kube-apiserver` entry or the real kube-apiserver, with
// etcd), installs the CRDs and webhooks from their folders, and the Widget operator runs against it.
package envtest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
	"sigs.k8s.io/controller-runtime/pkg/webhook"

	"kapi.dev/tests/go/widget"
)

var (
	testEnv   *envtest.Environment
	k8sClient client.Client
	scheme    = runtime.NewScheme()
)

// TestMain is the BeforeSuite/AfterSuite of a kubebuilder project, without Ginkgo. It prints the
// control plane's start and stop times for the mocha driver to compare.
func TestMain(m *testing.M) {
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		fmt.Fprintln(os.Stderr, "KUBEBUILDER_ASSETS is not set (tests/go-envtest.test.ts sets it)")
		os.Exit(2)
	}
	_ = clientgoscheme.AddToScheme(scheme)
	_ = widget.AddToScheme(scheme)
	testEnv = &envtest.Environment{
		CRDDirectoryPaths:     []string{"../widget/crds"},
		ErrorIfCRDPathMissing: true,
		WebhookInstallOptions: envtest.WebhookInstallOptions{Paths: []string{"../widget/webhooks"}},
	}
	start := time.Now()
	cfg, err := testEnv.Start()
	if err != nil {
		fmt.Fprintf(os.Stderr, "envtest start: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("ENVTEST-START-MS %d\n", time.Since(start).Milliseconds())
	k8sClient, err = client.New(cfg, client.Options{Scheme: scheme})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- startOperator(ctx, cfg) }()
	code := m.Run()
	cancel()
	if err := <-done; err != nil {
		fmt.Fprintf(os.Stderr, "manager: %v\n", err)
		code = 1
	}
	stop := time.Now()
	if err := testEnv.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "envtest stop: %v\n", err)
		code = 1
	}
	fmt.Printf("ENVTEST-STOP-MS %d\n", time.Since(stop).Milliseconds())
	os.Exit(code)
}

func startOperator(ctx context.Context, cfg *rest.Config) error {
	opts := testEnv.WebhookInstallOptions
	mgr, err := ctrl.NewManager(cfg, ctrl.Options{
		Scheme:                 scheme,
		Metrics:                metricsserver.Options{BindAddress: "0"},
		HealthProbeBindAddress: "0",
		WebhookServer:          webhook.NewServer(webhook.Options{Host: opts.LocalServingHost, Port: opts.LocalServingPort, CertDir: opts.LocalServingCertDir}),
	})
	if err != nil {
		return err
	}
	if err := (&widget.Reconciler{Client: mgr.GetClient()}).SetupWithManager(mgr); err != nil {
		return err
	}
	if err := (widget.Webhooks{}).SetupWebhookWithManager(mgr); err != nil {
		return err
	}
	return mgr.Start(ctx)
}

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

func TestWidgetOperator(t *testing.T) {
	ctx := context.Background()
	if err := k8sClient.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "suite"}}); err != nil {
		t.Fatal(err)
	}
	// The webhooks answer once the manager's webhook server is up.
	w := &widget.Widget{ObjectMeta: metav1.ObjectMeta{Name: "w", Namespace: "suite"}, Spec: widget.WidgetSpec{Size: 3, Greeting: "hi"}}
	eventually(t, "the Widget to be admitted through the webhooks", func() error { return k8sClient.Create(ctx, w) })
	if w.Spec.Image != widget.DefaultImage {
		t.Fatalf("defaulting webhook: image %q", w.Spec.Image)
	}
	var dep appsv1.Deployment
	eventually(t, "the owned Deployment", func() error {
		return k8sClient.Get(ctx, types.NamespacedName{Namespace: "suite", Name: "w"}, &dep)
	})
	if *dep.Spec.Replicas != 3 || len(dep.OwnerReferences) != 1 || dep.OwnerReferences[0].UID != w.UID {
		t.Fatalf("deployment: replicas %d owners %+v", *dep.Spec.Replicas, dep.OwnerReferences)
	}
	eventually(t, "the status", func() error {
		var cur widget.Widget
		if err := k8sClient.Get(ctx, client.ObjectKeyFromObject(w), &cur); err != nil {
			return err
		}
		if cur.Status.ObservedGeneration != 1 || cur.Status.ConfigMap != "w-config" {
			return fmt.Errorf("status %+v", cur.Status)
		}
		return nil
	})
	bad := &widget.Widget{ObjectMeta: metav1.ObjectMeta{Name: "big", Namespace: "suite"}, Spec: widget.WidgetSpec{Size: 11}}
	err := k8sClient.Create(ctx, bad)
	if !apierrors.IsForbidden(err) || !strings.Contains(err.Error(), "spec.size 11 is larger than 10") {
		t.Fatalf("validating webhook: %v", err)
	}
}
