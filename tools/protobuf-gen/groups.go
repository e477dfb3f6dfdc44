package main

// servedPackages are the group-versions kube-apiserver 1.32 serves when no --runtime-config is
// given (the stable versions of its default API resource config, the CRD group of
// apiextensions-apiserver and the APIService group of kube-aggregator), keyed by the apiVersion a
// client writes in its request bodies.
var servedPackages = []struct{ apiVersion, importPath string }{
	{"v1", "k8s.io/api/core/v1"},
	{"admissionregistration.k8s.io/v1", "k8s.io/api/admissionregistration/v1"},
	{"apps/v1", "k8s.io/api/apps/v1"},
	{"authentication.k8s.io/v1", "k8s.io/api/authentication/v1"},
	{"authorization.k8s.io/v1", "k8s.io/api/authorization/v1"},
	{"autoscaling/v1", "k8s.io/api/autoscaling/v1"},
	{"autoscaling/v2", "k8s.io/api/autoscaling/v2"},
	{"batch/v1", "k8s.io/api/batch/v1"},
	{"certificates.k8s.io/v1", "k8s.io/api/certificates/v1"},
	{"coordination.k8s.io/v1", "k8s.io/api/coordination/v1"},
	{"discovery.k8s.io/v1", "k8s.io/api/discovery/v1"},
	{"events.k8s.io/v1", "k8s.io/api/events/v1"},
	{"flowcontrol.apiserver.k8s.io/v1", "k8s.io/api/flowcontrol/v1"},
	{"networking.k8s.io/v1", "k8s.io/api/networking/v1"},
	{"node.k8s.io/v1", "k8s.io/api/node/v1"},
	{"policy/v1", "k8s.io/api/policy/v1"},
	{"rbac.authorization.k8s.io/v1", "k8s.io/api/rbac/v1"},
	{"scheduling.k8s.io/v1", "k8s.io/api/scheduling/v1"},
	{"storage.k8s.io/v1", "k8s.io/api/storage/v1"},
	{"apiextensions.k8s.io/v1", "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"},
	{"apiregistration.k8s.io/v1", "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"},
	// meta/v1 kinds (DeleteOptions …) travel under every group version; meta.k8s.io/v1 is their own.
	{"meta.k8s.io/v1", "k8s.io/apimachinery/pkg/apis/meta/v1"},
}
