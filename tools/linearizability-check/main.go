// linearizability-check reads a JSONL history of Kubernetes API operations and watches recorded by
// the HA fault tests and checks it:
//   - the operations are linearizable against a keyed object store whose versions are the
//     resourceVersions (porcupine), so no acknowledged write is lost, no read is stale or
//     phantom, and every client reads its own writes;
//   - resourceVersions follow real time across keys: a write (or a list) that starts after a
//     write was acknowledged carries a higher resourceVersion;
//   - every watch's events come in resourceVersion order, each once, each from a write of the
//     history, and every acknowledged write since the watch's start is among them (also when
//     the watch was resumed on another instance from its last resourceVersion).
//
// Usage: linearizability-check [-timeout 60s] [-viz out.html] history.jsonl
// Prints one JSON summary line; exits 0 when the history passes, 1 when it does not, 2 on bad input.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"time"

	"github.com/anishathalye/porcupine"
)

type summary struct {
	OK          bool     `json:"ok"`
	Result      string   `json:"result"`
	Ops         int      `json:"ops"`
	Writes      int      `json:"writes"`
	Reads       int      `json:"reads"`
	Lists       int      `json:"lists"`
	Unknown     int      `json:"unknown"`
	Keys        int      `json:"keys"`
	Watches     int      `json:"watches"`
	WatchEvents int      `json:"watchEvents"`
	Problems    []string `json:"problems,omitempty"`
}

func main() {
	timeout := flag.Duration("timeout", 60*time.Second, "porcupine's time budget; past it the result is Unknown, counted as a failure")
	viz := flag.String("viz", "", "write porcupine's HTML visualization of the history here")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: linearizability-check [-timeout 60s] [-viz out.html] history.jsonl")
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	h, err := readHistory(f)
	f.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	s := check(h, *timeout, *viz)
	out, _ := json.Marshal(s)
	fmt.Println(string(out))
	if !s.OK {
		os.Exit(1)
	}
}

// check runs the three checks over a history.
func check(h *History, timeout time.Duration, viz string) summary {
	ops := operations(h)
	s := summary{Ops: len(h.Ops), Watches: len(h.Watches), Keys: len(keysOf(h))}
	for _, r := range h.Ops {
		switch {
		case r.Op == "list":
			s.Lists++
		case r.Op == "get":
			s.Reads++
		default:
			s.Writes++
		}
		if r.Outcome == "unknown" {
			s.Unknown++
		}
	}
	for _, w := range h.Watches {
		s.WatchEvents += len(w.Events)
	}
	model := objectStoreModel()
	result, info := porcupine.CheckOperationsVerbose(model, ops, timeout)
	s.Result = string(result)
	if result != porcupine.Ok {
		s.Problems = append(s.Problems, fmt.Sprintf("porcupine: the operations are %s (not linearizable or not decided in %s)", result, timeout))
		if viz != "" {
			if err := porcupine.VisualizePath(model, info, viz); err != nil {
				s.Problems = append(s.Problems, "visualization: "+err.Error())
			}
		}
	}
	s.Problems = append(s.Problems, realTimeOrder(h)...)
	s.Problems = append(s.Problems, watchProblems(h)...)
	s.OK = len(s.Problems) == 0
	return s
}

func keysOf(h *History) []string {
	seen := map[string]bool{}
	var keys []string
	for _, r := range h.Ops {
		if r.Op != "list" && !seen[r.Key] {
			seen[r.Key] = true
			keys = append(keys, r.Key)
		}
	}
	return keys
}

// operations turns the records into porcupine operations. A read whose answer was lost tells
// nothing and is left out; a write whose answer was lost may take effect any time after its call,
// so it never returns. A list is one read per key of the history, all at the list's times: an
// object absent from the list was absent at the list's point in time.
func operations(h *History) []porcupine.Operation {
	keys := keysOf(h)
	var ops []porcupine.Operation
	add := func(r Record, in input, out output) {
		ret := r.Return
		if out.Outcome == "unknown" {
			ret = math.MaxInt64
		}
		ops = append(ops, porcupine.Operation{ClientId: r.Client, Input: in, Call: r.Call, Output: out, Return: ret})
	}
	for _, r := range h.Ops {
		switch r.Op {
		case "list":
			if r.Outcome != "ok" {
				continue
			}
			listed := map[string]Item{}
			for _, it := range r.Items {
				listed[it.Key] = it
			}
			for _, k := range keys {
				if it, ok := listed[k]; ok {
					add(r, input{Op: "get", Key: k}, output{Outcome: "ok", Code: 200, Value: it.Value, RV: rv(it.RV)})
				} else {
					add(r, input{Op: "get", Key: k}, output{Outcome: "rejected", Code: 404})
				}
			}
		case "get":
			if r.Outcome == "unknown" {
				continue
			}
			add(r, input{Op: "get", Key: r.Key}, output{Outcome: r.Outcome, Code: r.Code, Value: r.Value, RV: rv(r.RV)})
		default:
			add(r, input{Op: r.Op, Key: r.Key, Value: r.Value, Precondition: rv(r.Precondition)}, output{Outcome: r.Outcome, Code: r.Code, Value: r.Value, RV: rv(r.RV)})
		}
	}
	return ops
}
