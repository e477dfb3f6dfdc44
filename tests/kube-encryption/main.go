// kube-encryption runs kube-apiserver's own encryption-at-rest code (k8s.io/apiserver, as a
// library) over one value, so kapi's tests can show that kube reads what kapi wrote and that
// kapi reads what kube wrote. Usage:
//
//	kube-encryption CONFIG GROUP RESOURCE KEY (encrypt|decrypt) < value > result
package main

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"time"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/server/options/encryptionconfig"
	"k8s.io/apiserver/pkg/storage/value"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
)

func main() {
	if len(os.Args) != 6 {
		fail(fmt.Errorf("usage: kube-encryption CONFIG GROUP RESOURCE KEY (encrypt|decrypt)"))
	}
	ctx := context.Background()
	// kube 1.32 loads a KMS v1 provider only behind this gate; kapi's tests compare v1 envelopes too.
	if err := utilfeature.DefaultMutableFeatureGate.Set("KMSv1=true"); err != nil {
		fail(err)
	}
	config, err := encryptionconfig.LoadEncryptionConfig(ctx, os.Args[1], false, "kapi-test")
	if err != nil {
		fail(err)
	}
	// kube primes KMS v2 providers in the background; transforms wait for their first good probe.
	waitHealthy(config)
	// Resolved as the apiserver resolves it: exact resource, then *.<group>, then *.*.
	gr := schema.GroupResource{Group: os.Args[2], Resource: os.Args[3]}
	transformer := encryptionconfig.StaticTransformers(config.Transformers).TransformerForResource(gr)
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	dataCtx := value.DefaultContext(os.Args[4])
	var out []byte
	switch os.Args[5] {
	case "encrypt":
		out, err = transformer.TransformToStorage(ctx, in, dataCtx)
	case "decrypt":
		out, _, err = transformer.TransformFromStorage(ctx, in, dataCtx)
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[5])
	}
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}

func waitHealthy(config *encryptionconfig.EncryptionConfiguration) {
	deadline := time.Now().Add(20 * time.Second)
	for _, check := range config.HealthChecks {
		for {
			err := check.Check(httptest.NewRequest("GET", "/healthz", nil))
			if err == nil {
				break
			}
			if time.Now().After(deadline) {
				fail(fmt.Errorf("%s: %w", check.Name(), err))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
