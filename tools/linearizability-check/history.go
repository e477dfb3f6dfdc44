package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// Record is one line of the JSONL history the HA tests write (tests/support/ha/history.ts):
// either a client operation ("op") or one watch's whole event stream ("watch").
type Record struct {
	Kind string `json:"kind"`

	// kind "op"
	Client       int    `json:"client"`
	Op           string `json:"op"` // create | update | delete | get | list
	Key          string `json:"key"`
	Value        string `json:"value"`
	Precondition string `json:"precondition"` // update: metadata.resourceVersion sent
	Call         int64  `json:"call"`         // ns, monotonic clock of the test process
	Return       int64  `json:"return"`
	// Outcome: "ok" (2xx), "rejected" (a definite 404/409: nothing was written), or "unknown"
	// (a timeout, a reset connection, a 5xx: the write may or may not have landed).
	Outcome string `json:"outcome"`
	Code    int    `json:"code"`
	RV      string `json:"rv"` // the object's resourceVersion returned (list: the list's)
	Items   []Item `json:"items"`

	// kind "watch"
	ID      string  `json:"id"`
	StartRV string  `json:"startRV"`
	Events  []Event `json:"events"`
}

// Item is one object of a list answer.
type Item struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	RV    string `json:"rv"`
}

// Event is one watch event as the watcher saw it, from whichever instance served it.
type Event struct {
	Type     string `json:"type"` // ADDED | MODIFIED | DELETED
	Key      string `json:"key"`
	Value    string `json:"value"`
	RV       string `json:"rv"`
	Instance string `json:"instance"`
}

// History is a parsed history file.
type History struct {
	Ops     []Record
	Watches []Record
}

func readHistory(r io.Reader) (*History, error) {
	h := &History{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		switch rec.Kind {
		case "op":
			h.Ops = append(h.Ops, rec)
		case "watch":
			h.Watches = append(h.Watches, rec)
		default:
			return nil, fmt.Errorf("line %d: unknown kind %q", line, rec.Kind)
		}
	}
	return h, sc.Err()
}

// rv parses a resourceVersion: on etcd it is the revision, a decimal integer.
func rv(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return n
}
