// The linearizability checker of the HA fault tests (tests/ha-faults.test.ts): porcupine from the Go
// module proxy at the version pinned here, built by scripts/ensure-linearizability-check.sh.
module kapi.dev/tools/linearizability-check

go 1.24.0

require github.com/anishathalye/porcupine v1.3.1
