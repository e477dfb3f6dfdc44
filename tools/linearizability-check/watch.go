package main

import "fmt"

// watchProblems checks each watch's event stream against the history's writes. A watch starts at
// StartRV and may be resumed on other instances from its last resourceVersion; the tests let it
// run until it saw the last acknowledged write, so every acknowledged write after StartRV is due.
func watchProblems(h *History) []string {
	type write struct {
		op    string
		key   string
		acked bool
	}
	byValue := map[string]write{}
	ackedAt := map[int64]Record{}
	deletes := map[string][2]int{} // key -> acknowledged, possible
	for _, r := range h.Ops {
		switch r.Op {
		case "create", "update":
			if r.Outcome == "ok" || r.Outcome == "unknown" {
				byValue[r.Value] = write{r.Op, r.Key, r.Outcome == "ok"}
			}
			if r.Outcome == "ok" {
				ackedAt[rv(r.RV)] = r
			}
		case "delete":
			d := deletes[r.Key]
			if r.Outcome == "ok" {
				d[0]++
			}
			if r.Outcome == "ok" || r.Outcome == "unknown" {
				d[1]++
			}
			deletes[r.Key] = d
		}
	}
	var problems []string
	for _, w := range h.Watches {
		start := rv(w.StartRV)
		last := start
		seen := map[int64]bool{}
		deleted := map[string]int{}
		for i, e := range w.Events {
			at := rv(e.RV)
			if at <= last {
				problems = append(problems, fmt.Sprintf("watch %s: event %d (%s %s rv %d from %s) is not after the previous one (rv %d): out of order or repeated", w.ID, i, e.Type, e.Key, at, e.Instance, last))
			}
			last = max(last, at)
			seen[at] = true
			if e.Type == "DELETED" {
				deleted[e.Key]++
				continue
			}
			wr, ok := byValue[e.Value]
			if !ok || wr.key != e.Key {
				problems = append(problems, fmt.Sprintf("watch %s: %s %s rv %d carries %q, written by no create or update of the history (a phantom)", w.ID, e.Type, e.Key, at, e.Value))
			} else if a, ok := ackedAt[at]; ok && a.Value != e.Value {
				problems = append(problems, fmt.Sprintf("watch %s: %s %s rv %d carries %q, but the write acknowledged at rv %d wrote %q", w.ID, e.Type, e.Key, at, e.Value, at, a.Value))
			}
		}
		for at, r := range ackedAt {
			if at > start && !seen[at] {
				problems = append(problems, fmt.Sprintf("watch %s: missed the acknowledged %s of %s at rv %d", w.ID, r.Op, r.Key, at))
			}
		}
		for key, d := range deletes {
			if n := deleted[key]; n < d[0] || n > d[1] {
				problems = append(problems, fmt.Sprintf("watch %s: %d DELETED events for %s, but %d deletes were acknowledged and %d may have happened", w.ID, n, key, d[0], d[1]))
			}
		}
		for key, n := range deleted {
			if _, ok := deletes[key]; !ok {
				problems = append(problems, fmt.Sprintf("watch %s: %d DELETED events for %s, which no delete of the history removed", w.ID, n, key))
			}
		}
	}
	return problems
}
