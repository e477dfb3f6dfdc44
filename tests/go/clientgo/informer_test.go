package clientgo

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	"kapi.dev/tests/go/kapitest"
)

// requestLog records the list and watch requests an informer sends, to tell a re-list from a re-watch
// and a WatchList from a list.
type requestLog struct {
	mu   sync.Mutex
	reqs []string
	next http.RoundTripper
}

func (l *requestLog) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/configmaps") {
		l.mu.Lock()
		l.reqs = append(l.reqs, r.URL.RawQuery)
		l.mu.Unlock()
	}
	return l.next.RoundTrip(r)
}

func (l *requestLog) count(pred func(q string) bool) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, q := range l.reqs {
		if pred(q) {
			n++
		}
	}
	return n
}

func isWatch(q string) bool { return strings.Contains(q, "watch=true") }
func isInitialEvents(q string) bool {
	return isWatch(q) && strings.Contains(q, "sendInitialEvents=true")
}
func isList(q string) bool { return !isWatch(q) }

func loggedClientset(t *testing.T) (*kubernetes.Clientset, *requestLog) {
	cfg := kapitest.Config(t)
	log := &requestLog{}
	cfg.WrapTransport = func(rt http.RoundTripper) http.RoundTripper { log.next = rt; return log }
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return cs, log
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	err := wait.PollUntilContextTimeout(context.Background(), 50*time.Millisecond, 30*time.Second, true, func(context.Context) (bool, error) { return cond(), nil })
	if err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// An informer and its lister follow the server across a restart of kapi: the watch breaks, the
// reflector re-establishes it from its last resourceVersion or, told 410 Gone, lists again, and
// the lister converges on what is stored (including what changed while it was disconnected).
func TestInformerAcrossRestart(t *testing.T) {
	cs := clientset(t)
	ctx := context.Background()
	ns := namespace(t, cs, "go-informer")
	watched, log := loggedClientset(t)
	factory := informers.NewSharedInformerFactoryWithOptions(watched, 0, informers.WithNamespace(ns))
	informer := factory.Core().V1().ConfigMaps()
	var deleted sync.Map
	_, _ = informer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		DeleteFunc: func(obj any) {
			if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = tomb.Obj
			}
			deleted.Store(obj.(*corev1.ConfigMap).Name, true)
		},
	})
	lister := informer.Lister()
	stop := make(chan struct{})
	defer close(stop)
	for i := 0; i < 3; i++ {
		if _, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("before-%d", i)}}, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	factory.Start(stop)
	if !cache.WaitForCacheSync(stop, informer.Informer().HasSynced) {
		t.Fatal("informer never synced")
	}
	if items, _ := lister.ConfigMaps(ns).List(labels.Everything()); len(items) != 3 {
		t.Fatalf("lister after sync: %d items", len(items))
	}
	if _, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "live"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the watch to deliver 'live'", func() bool { _, err := lister.ConfigMaps(ns).Get("live"); return err == nil })
	syncsBefore := log.count(func(q string) bool { return isList(q) || isInitialEvents(q) })

	kapitest.RestartServer(t)

	// Changes after the restart reach the lister through the new process.
	if err := cs.CoreV1().ConfigMaps(ns).Delete(ctx, "before-0", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "after"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the lister to converge after the restart", func() bool {
		items, _ := lister.ConfigMaps(ns).List(labels.Everything())
		_, gone := deleted.Load("before-0")
		_, errAfter := lister.ConfigMaps(ns).Get("after")
		return len(items) == 4 && gone && errAfter == nil
	})
	// On etcd the driver compacted while kapi was down, so the old resourceVersion is gone: the reflector
	// had to sync again (a list or a WatchList), not only re-watch.
	if os.Getenv("KAPI_EXPECT_RELIST") != "1" {
		return
	}
	if after := log.count(func(q string) bool { return isList(q) || isInitialEvents(q) }); after <= syncsBefore {
		t.Fatalf("no re-list after the restart (syncs before %d, after %d): %v", syncsBefore, after, log.reqs)
	}
}

// client-go's WatchList (KUBE_FEATURE_WatchListClient, on by default in this release): the reflector
// opens one watch with sendInitialEvents=true&resourceVersionMatch=NotOlderThan, builds its store from
// the ADDED events and is synced at the k8s.io/initial-events-end bookmark — no list request at all.
func TestWatchListSync(t *testing.T) {
	cs := clientset(t)
	ctx := context.Background()
	ns := namespace(t, cs, "go-watchlist")
	for i := 0; i < 5; i++ {
		if _, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("cm-%d", i)}}, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	watched, log := loggedClientset(t)
	factory := informers.NewSharedInformerFactoryWithOptions(watched, 0, informers.WithNamespace(ns))
	informer := factory.Core().V1().ConfigMaps()
	lister := informer.Lister()
	stop := make(chan struct{})
	defer close(stop)
	factory.Start(stop)
	if !cache.WaitForCacheSync(stop, informer.Informer().HasSynced) {
		t.Fatal("informer never synced")
	}
	items, _ := lister.ConfigMaps(ns).List(labels.Everything())
	if len(items) != 5 {
		t.Fatalf("synced store holds %d items", len(items))
	}
	if n := log.count(isInitialEvents); n != 1 {
		t.Fatalf("want one sendInitialEvents watch, got %d: %v", n, log.reqs)
	}
	if n := log.count(isList); n != 0 {
		t.Fatalf("the reflector fell back to a list: %v", log.reqs)
	}
	for _, q := range log.reqs {
		if isInitialEvents(q) && !strings.Contains(q, "resourceVersionMatch=NotOlderThan") {
			t.Fatalf("WatchList without resourceVersionMatch=NotOlderThan: %s", q)
		}
	}
	if _, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "later"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the watch to deliver 'later'", func() bool { _, err := lister.ConfigMaps(ns).Get("later"); return err == nil })
}
