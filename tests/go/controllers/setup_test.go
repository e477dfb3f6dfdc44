// Package controllers runs a controller-runtime manager (cache, reconciler, webhooks, leader
// election) against kapi.
package controllers

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
	"sigs.k8s.io/controller-runtime/pkg/webhook"

	"kapi.dev/tests/go/kapitest"
	"kapi.dev/tests/go/widget"
	widgetv2 "kapi.dev/tests/go/widget/v2"
)

func newScheme(t testing.TB) *runtime.Scheme {
	s := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	if err := widget.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	if err := widgetv2.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	if err := apiextensionsv1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	return s
}

// installCRDs loads the Widget CRD from its folder, as a kubebuilder project's suite does, and waits
// until kapi serves it.
func installCRDs(t testing.TB, cfg *rest.Config) {
	t.Helper()
	if _, err := envtest.InstallCRDs(cfg, envtest.CRDInstallOptions{Paths: []string{"../widget/crds"}, ErrorIfPathMissing: true}); err != nil {
		t.Fatalf("install CRDs: %v", err)
	}
}

// servingCert writes a self-signed serving certificate for 127.0.0.1 as tls.crt/tls.key (the names
// controller-runtime's webhook server reads) and returns its PEM, the caBundle kapi must trust.
func servingCert(t testing.TB, dir string) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "widget-webhook"},
		NotBefore: time.Now().Add(-time.Minute), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	_ = os.WriteFile(filepath.Join(dir, "tls.crt"), certPEM, 0o600)
	_ = os.WriteFile(filepath.Join(dir, "tls.key"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	return certPEM
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// registerWebhooks tells kapi to call the manager's webhooks for Widgets (URL client config, our CA).
func registerWebhooks(t testing.TB, c client.Client, port int, caBundle []byte) {
	t.Helper()
	ctx := context.Background()
	base := "https://127.0.0.1:" + strconv.Itoa(port)
	fail := admissionregistrationv1.Fail
	none := admissionregistrationv1.SideEffectClassNone
	rules := []admissionregistrationv1.RuleWithOperations{{
		Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create, admissionregistrationv1.Update},
		Rule:       admissionregistrationv1.Rule{APIGroups: []string{"demo.kapi.dev"}, APIVersions: []string{"v1"}, Resources: []string{"widgets"}},
	}}
	mutating := &admissionregistrationv1.MutatingWebhookConfiguration{
		ObjectMeta: metav1.ObjectMeta{Name: "widget-defaulter"},
		Webhooks: []admissionregistrationv1.MutatingWebhook{{
			Name: "mwidget.demo.kapi.dev", AdmissionReviewVersions: []string{"v1"}, SideEffects: &none, FailurePolicy: &fail, Rules: rules,
			ClientConfig: admissionregistrationv1.WebhookClientConfig{URL: ptr(base + "/mutate-demo-kapi-dev-v1-widget"), CABundle: caBundle},
		}},
	}
	validating := &admissionregistrationv1.ValidatingWebhookConfiguration{
		ObjectMeta: metav1.ObjectMeta{Name: "widget-validator"},
		Webhooks: []admissionregistrationv1.ValidatingWebhook{{
			Name: "vwidget.demo.kapi.dev", AdmissionReviewVersions: []string{"v1"}, SideEffects: &none, FailurePolicy: &fail, Rules: rules,
			ClientConfig: admissionregistrationv1.WebhookClientConfig{URL: ptr(base + "/validate-demo-kapi-dev-v1-widget"), CABundle: caBundle},
		}},
	}
	for _, obj := range []client.Object{mutating, validating} {
		if err := c.Create(ctx, obj); err != nil {
			t.Fatalf("register webhook %s: %v", obj.GetName(), err)
		}
		t.Cleanup(func() { _ = c.Delete(context.Background(), obj) })
	}
}

// startOperator runs the Widget manager (cache, reconciler, webhook server) until the test ends.
func startOperator(t *testing.T) client.Client {
	t.Helper()
	cfg := kapitest.Config(t)
	scheme := newScheme(t)
	installCRDs(t, cfg)
	certDir := t.TempDir()
	caBundle := servingCert(t, certDir)
	port := freePort(t)
	mgr, err := ctrl.NewManager(cfg, ctrl.Options{
		Scheme:                 scheme,
		Metrics:                metricsserver.Options{BindAddress: "0"},
		HealthProbeBindAddress: "0",
		// Each test runs its own manager in this one process; controller names are process-global.
		Controller:    config.Controller{SkipNameValidation: ptr(true)},
		WebhookServer: webhook.NewServer(webhook.Options{Host: "127.0.0.1", Port: port, CertDir: certDir}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := (&widget.Reconciler{Client: mgr.GetClient()}).SetupWithManager(mgr); err != nil {
		t.Fatal(err)
	}
	if err := (widget.Webhooks{}).SetupWebhookWithManager(mgr); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- mgr.Start(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("manager: %v", err)
		}
	})
	if !mgr.GetCache().WaitForCacheSync(ctx) {
		t.Fatal("manager cache never synced")
	}
	direct, err := client.New(cfg, client.Options{Scheme: scheme})
	if err != nil {
		t.Fatal(err)
	}
	registerWebhooks(t, direct, port, caBundle)
	convertThroughWebhook(t, direct, port, caBundle)
	return direct
}

// convertThroughWebhook points the Widget CRD's conversion at the manager's /convert (the builder
// serves it because v2 is convertible to the v1 hub), as a kubebuilder project's kustomize patch does.
func convertThroughWebhook(t testing.TB, c client.Client, port int, caBundle []byte) {
	t.Helper()
	ctx := context.Background()
	var crd apiextensionsv1.CustomResourceDefinition
	if err := c.Get(ctx, client.ObjectKey{Name: "widgets.demo.kapi.dev"}, &crd); err != nil {
		t.Fatal(err)
	}
	crd.Spec.Conversion = &apiextensionsv1.CustomResourceConversion{
		Strategy: apiextensionsv1.WebhookConverter,
		Webhook: &apiextensionsv1.WebhookConversion{
			ConversionReviewVersions: []string{"v1"},
			ClientConfig:             &apiextensionsv1.WebhookClientConfig{URL: ptr("https://127.0.0.1:" + strconv.Itoa(port) + "/convert"), CABundle: caBundle},
		},
	}
	if err := c.Update(ctx, &crd); err != nil {
		t.Fatalf("set the CRD's conversion webhook: %v", err)
	}
}

func namespace(t *testing.T, c client.Client, name string) string {
	t.Helper()
	if err := c.Create(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = c.Delete(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}})
	})
	return name
}

func ptr[T any](v T) *T { return &v }
