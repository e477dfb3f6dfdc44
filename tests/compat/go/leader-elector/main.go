// leader-elector runs one candidate of client-go's leader election (a LeaseLock) against a server,
// so the compat test can check kapi's Leases carry real leader election. It prints one line per
// event: "started <identity>", "leading <identity>", "new-leader <identity>", "stopped <identity>".
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
)

func main() {
	server := flag.String("server", "", "API server URL")
	caFile := flag.String("ca", "", "CA bundle")
	certFile := flag.String("cert", "", "client certificate")
	keyFile := flag.String("key", "", "client key")
	namespace := flag.String("namespace", "default", "namespace of the Lease")
	name := flag.String("lease", "", "name of the Lease")
	identity := flag.String("id", "", "this candidate's identity")
	lead := flag.Duration("lead-for", 3*time.Second, "how long to lead before releasing the lease")
	contentType := flag.String("content-type", "", "request and response media type (kube's components use application/vnd.kubernetes.protobuf)")
	flag.Parse()

	config := &rest.Config{Host: *server, TLSClientConfig: rest.TLSClientConfig{CAFile: *caFile, CertFile: *certFile, KeyFile: *keyFile}}
	config.ContentType = *contentType
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	lock := &resourcelock.LeaseLock{
		LeaseMeta:  metav1.ObjectMeta{Namespace: *namespace, Name: *name},
		Client:     client.CoordinationV1(),
		LockConfig: resourcelock.ResourceLockConfig{Identity: *identity},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	fmt.Printf("started %s\n", *identity)
	leaderelection.RunOrDie(ctx, leaderelection.LeaderElectionConfig{
		Lock:            lock,
		LeaseDuration:   2 * time.Second,
		RenewDeadline:   1500 * time.Millisecond,
		RetryPeriod:     200 * time.Millisecond,
		ReleaseOnCancel: true,
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: func(ctx context.Context) {
				fmt.Printf("leading %s\n", *identity)
				select {
				case <-time.After(*lead):
					cancel()
				case <-ctx.Done():
				}
			},
			OnStoppedLeading: func() { fmt.Printf("stopped %s\n", *identity) },
			OnNewLeader:      func(id string) { fmt.Printf("new-leader %s\n", id) },
		},
	})
}
