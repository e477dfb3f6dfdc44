// Command etcd is the etcd server of go.etcd.io/etcd/server/v3 at the version go.mod pins: the
// current etcd the bench measures beside Debian's 3.4. `go install go.etcd.io/etcd/v3@…` refuses
// (the root module carries replace directives), so this module calls the server's own entry point,
// exactly what etcd's main package does.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
