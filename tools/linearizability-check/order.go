package main

import (
	"fmt"
	"sort"
)

// realTimeOrder checks what per-key linearizability cannot see: resourceVersions are one
// cluster-wide clock that follows real time. A create or update that starts after another write
// was acknowledged has a higher resourceVersion, and a list that starts after a write was
// acknowledged is at least at that write's resourceVersion.
func realTimeOrder(h *History) []string {
	type acked struct {
		ret int64
		rv  int64
	}
	var writes []acked
	for _, r := range h.Ops {
		if (r.Op == "create" || r.Op == "update") && r.Outcome == "ok" {
			writes = append(writes, acked{r.Return, rv(r.RV)})
		}
	}
	sort.Slice(writes, func(i, j int) bool { return writes[i].ret < writes[j].ret })
	// maxBefore[i]: the highest resourceVersion among the first i acknowledged writes.
	maxBefore := make([]int64, len(writes)+1)
	for i, w := range writes {
		maxBefore[i+1] = max(maxBefore[i], w.rv)
	}
	var problems []string
	for _, r := range h.Ops {
		if r.Outcome != "ok" || (r.Op != "create" && r.Op != "update" && r.Op != "list") {
			continue
		}
		n := sort.Search(len(writes), func(i int) bool { return writes[i].ret >= r.Call })
		floor := maxBefore[n]
		got := rv(r.RV)
		if (r.Op == "list" && got < floor) || (r.Op != "list" && got <= floor) {
			problems = append(problems, fmt.Sprintf("%s %s by client %d at resourceVersion %d started after a write at %d was acknowledged", r.Op, r.Key, r.Client, got, floor))
		}
	}
	return problems
}
