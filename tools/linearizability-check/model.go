package main

import (
	"fmt"

	"github.com/anishathalye/porcupine"
)

// The sequential specification of one key of a Kubernetes object store whose versions are the
// resourceVersions: a create makes the object, an update with a resourceVersion precondition
// replaces it only if the object is at that version, a delete removes it, a read returns the
// latest value and version. Every write carries a value unique in the history, so a read names
// the write it saw. Each key is checked on its own (porcupine's partitioning): the store's
// operations touch one key each; a list is split into one read per key (see expandLists).

// keyState is the state of one key; comparable, so porcupine's default equality works.
type keyState struct {
	Exists bool
	Value  string
	// RV is the object's resourceVersion; 0 when it was written by a request whose answer was
	// lost (the version is learnt from the next read).
	RV int64
	// Floor is the highest resourceVersion this key ever had: a new version must be above it.
	Floor int64
}

type input struct {
	Op           string
	Key          string
	Value        string
	Precondition int64
}

type output struct {
	Outcome string // ok | rejected | unknown
	Code    int
	Value   string
	RV      int64
}

// step gives every state the key can be in after the operation, none when the answer is
// impossible from `s`. A write whose answer is unknown may or may not have happened.
func step(s keyState, in input, out output) []keyState {
	switch in.Op {
	case "create":
		written := keyState{Exists: true, Value: in.Value, RV: out.RV, Floor: max(s.Floor, out.RV)}
		switch {
		case out.Outcome == "ok" && !s.Exists && out.RV > s.Floor:
			return []keyState{written}
		case out.Outcome == "rejected" && out.Code == 409 && s.Exists:
			return []keyState{s}
		case out.Outcome == "unknown" && !s.Exists:
			written.RV, written.Floor = 0, s.Floor
			return []keyState{s, written}
		case out.Outcome == "unknown":
			return []keyState{s}
		}
	case "update":
		matches := s.Exists && (s.RV == in.Precondition || s.RV == 0)
		written := keyState{Exists: true, Value: in.Value, RV: out.RV, Floor: max(s.Floor, out.RV)}
		switch {
		case out.Outcome == "ok" && matches && out.RV > s.Floor && out.RV > in.Precondition:
			return []keyState{written}
		case out.Outcome == "rejected" && out.Code == 409 && s.Exists && s.RV != in.Precondition:
			return []keyState{s}
		case out.Outcome == "rejected" && out.Code == 404 && !s.Exists:
			return []keyState{s}
		case out.Outcome == "unknown" && matches:
			written.RV, written.Floor = 0, s.Floor
			return []keyState{s, written}
		case out.Outcome == "unknown":
			return []keyState{s}
		}
	case "delete":
		gone := keyState{Floor: s.Floor}
		switch {
		case out.Outcome == "ok" && s.Exists:
			return []keyState{gone}
		case out.Outcome == "rejected" && out.Code == 404 && !s.Exists:
			return []keyState{s}
		case out.Outcome == "unknown" && s.Exists:
			return []keyState{s, gone}
		case out.Outcome == "unknown":
			return []keyState{s}
		}
	case "get":
		switch {
		case out.Outcome == "ok" && s.Exists && s.Value == out.Value && (s.RV == out.RV || (s.RV == 0 && out.RV > s.Floor)):
			return []keyState{{Exists: true, Value: s.Value, RV: out.RV, Floor: max(s.Floor, out.RV)}}
		case out.Outcome == "rejected" && out.Code == 404 && !s.Exists:
			return []keyState{s}
		}
	}
	return nil
}

func objectStoreModel() porcupine.Model {
	m := porcupine.NondeterministicModel{
		Partition: func(history []porcupine.Operation) [][]porcupine.Operation {
			byKey := map[string][]porcupine.Operation{}
			var keys []string
			for _, op := range history {
				k := op.Input.(input).Key
				if _, seen := byKey[k]; !seen {
					keys = append(keys, k)
				}
				byKey[k] = append(byKey[k], op)
			}
			parts := make([][]porcupine.Operation, 0, len(keys))
			for _, k := range keys {
				parts = append(parts, byKey[k])
			}
			return parts
		},
		Init: func() []interface{} { return []interface{}{keyState{}} },
		Step: func(state, in, out interface{}) []interface{} {
			next := step(state.(keyState), in.(input), out.(output))
			res := make([]interface{}, len(next))
			for i, s := range next {
				res[i] = s
			}
			return res
		},
		DescribeOperation: func(in, out interface{}) string {
			i, o := in.(input), out.(output)
			switch i.Op {
			case "update":
				return fmt.Sprintf("update(%s, rv=%d, %s) -> %s %d rv=%d", i.Key, i.Precondition, i.Value, o.Outcome, o.Code, o.RV)
			case "get":
				return fmt.Sprintf("get(%s) -> %s %d %s rv=%d", i.Key, o.Outcome, o.Code, o.Value, o.RV)
			}
			return fmt.Sprintf("%s(%s, %s) -> %s %d rv=%d", i.Op, i.Key, i.Value, o.Outcome, o.Code, o.RV)
		},
		DescribeState: func(state interface{}) string {
			s := state.(keyState)
			if !s.Exists {
				return fmt.Sprintf("absent (floor %d)", s.Floor)
			}
			return fmt.Sprintf("%s@%d", s.Value, s.RV)
		},
	}
	return m.ToModel()
}
