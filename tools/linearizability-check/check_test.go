package main

import (
	"strings"
	"testing"
	"time"
)

func parse(t *testing.T, jsonl string) *History {
	t.Helper()
	h, err := readHistory(strings.NewReader(jsonl))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

const created = `{"kind":"op","client":0,"op":"create","key":"a","value":"v1","call":1,"return":2,"outcome":"ok","code":201,"rv":"10"}
{"kind":"op","client":0,"op":"update","key":"a","value":"v2","precondition":"10","call":3,"return":4,"outcome":"ok","code":200,"rv":"11"}
`

func TestAcceptsALinearizableHistory(t *testing.T) {
	h := parse(t, created+`{"kind":"op","client":1,"op":"get","key":"a","value":"v2","call":5,"return":6,"outcome":"ok","code":200,"rv":"11"}
{"kind":"op","client":1,"op":"update","key":"a","value":"v3","precondition":"10","call":7,"return":8,"outcome":"rejected","code":409}
{"kind":"op","client":2,"op":"list","call":7,"return":9,"outcome":"ok","code":200,"rv":"11","items":[{"key":"a","value":"v2","rv":"11"}]}
{"kind":"watch","id":"w","startRV":"9","events":[{"type":"ADDED","key":"a","value":"v1","rv":"10"},{"type":"MODIFIED","key":"a","value":"v2","rv":"11"}]}
`)
	if s := check(h, 10*time.Second, ""); !s.OK {
		t.Fatalf("rejected: %v", s.Problems)
	}
}

func TestRejectsAStaleRead(t *testing.T) {
	// The update to v2 was acknowledged before the get started; the get still saw v1.
	h := parse(t, created+`{"kind":"op","client":1,"op":"get","key":"a","value":"v1","call":5,"return":6,"outcome":"ok","code":200,"rv":"10"}
`)
	if s := check(h, 10*time.Second, ""); s.OK || s.Result != "Illegal" {
		t.Fatalf("a stale read passed: %+v", s)
	}
}

func TestRejectsALostWrite(t *testing.T) {
	h := parse(t, created+`{"kind":"op","client":1,"op":"list","call":5,"return":6,"outcome":"ok","code":200,"rv":"11","items":[]}
`)
	if s := check(h, 10*time.Second, ""); s.OK {
		t.Fatalf("a lost write passed: %+v", s)
	}
}

func TestAWriteWithALostAnswerMayOrMayNotHaveHappened(t *testing.T) {
	lost := `{"kind":"op","client":0,"op":"create","key":"b","value":"x","call":1,"return":2,"outcome":"unknown","code":0}
`
	for _, read := range []string{
		`{"kind":"op","client":1,"op":"get","key":"b","call":3,"return":4,"outcome":"rejected","code":404}`,
		`{"kind":"op","client":1,"op":"get","key":"b","value":"x","call":3,"return":4,"outcome":"ok","code":200,"rv":"5"}`,
	} {
		if s := check(parse(t, lost+read+"\n"), 10*time.Second, ""); !s.OK {
			t.Fatalf("rejected %s: %v", read, s.Problems)
		}
	}
	// but not a value nobody wrote
	phantom := `{"kind":"op","client":1,"op":"get","key":"b","value":"y","call":3,"return":4,"outcome":"ok","code":200,"rv":"5"}`
	if s := check(parse(t, lost+phantom+"\n"), 10*time.Second, ""); s.OK {
		t.Fatal("a phantom read passed")
	}
}

func TestRejectsResourceVersionsAgainstRealTime(t *testing.T) {
	h := parse(t, created+`{"kind":"op","client":1,"op":"create","key":"b","value":"w","call":5,"return":6,"outcome":"ok","code":201,"rv":"9"}
`)
	if s := check(h, 10*time.Second, ""); s.OK {
		t.Fatal("a later write at an older resourceVersion passed")
	}
}

func TestRejectsBadWatches(t *testing.T) {
	for name, events := range map[string]string{
		"repeated": `{"type":"ADDED","key":"a","value":"v1","rv":"10"},{"type":"ADDED","key":"a","value":"v1","rv":"10"},{"type":"MODIFIED","key":"a","value":"v2","rv":"11"}`,
		"reordered": `{"type":"MODIFIED","key":"a","value":"v2","rv":"11"},{"type":"ADDED","key":"a","value":"v1","rv":"10"}`,
		"missed":   `{"type":"MODIFIED","key":"a","value":"v2","rv":"11"}`,
		"phantom":  `{"type":"ADDED","key":"a","value":"v1","rv":"10"},{"type":"MODIFIED","key":"a","value":"zz","rv":"11"}`,
	} {
		h := parse(t, created+`{"kind":"watch","id":"w","startRV":"9","events":[`+events+`]}`+"\n")
		if s := check(h, 10*time.Second, ""); s.OK {
			t.Errorf("a %s watch passed", name)
		}
	}
}
