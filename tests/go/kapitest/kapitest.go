// Package kapitest connects the Go tests to the kapi server their mocha driver started
// (tests/go-client.test.ts): the URL and the test PKI come in through the environment.
package kapitest

import (
	"bufio"
	"fmt"
	"os"
	"sync"
	"testing"

	"k8s.io/client-go/rest"
)

// Config is a rest.Config for the kapi named by KAPI_URL, authenticated with the test admin's
// client certificate (KAPI_CERT/KAPI_KEY) and trusting the test CA (KAPI_CA): real TLS, no insecure mode.
func Config(t testing.TB) *rest.Config {
	t.Helper()
	url := os.Getenv("KAPI_URL")
	if url == "" {
		t.Fatal("KAPI_URL is not set: these tests run against a kapi started by tests/go-client.test.ts")
	}
	return &rest.Config{
		Host: url,
		TLSClientConfig: rest.TLSClientConfig{
			CAFile: os.Getenv("KAPI_CA"), CertFile: os.Getenv("KAPI_CERT"), KeyFile: os.Getenv("KAPI_KEY"),
		},
		QPS: 200, Burst: 400,
	}
}

var restartMu sync.Mutex
var stdin = bufio.NewReader(os.Stdin)

// RestartServer asks the mocha driver to restart kapi (same port, same etcd) and waits until it
// says the new process serves: the driver reads "KAPI-RESTART" on our stdout and answers a line on stdin.
func RestartServer(t testing.TB) {
	t.Helper()
	restartMu.Lock()
	defer restartMu.Unlock()
	if os.Getenv("KAPI_RESTARTABLE") != "1" {
		t.Fatal("the driver did not offer restarts (KAPI_RESTARTABLE=1)")
	}
	fmt.Fprintln(os.Stdout, "KAPI-RESTART")
	line, err := stdin.ReadString('\n')
	if err != nil || line != "restarted\n" {
		t.Fatalf("restart not confirmed: %q %v", line, err)
	}
}
