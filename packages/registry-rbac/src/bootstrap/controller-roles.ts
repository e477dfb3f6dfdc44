import type { BindingObject, ClusterRoleObject, PolicyRule } from '../common/types';
import { clusterRole, clusterRoleBinding, serviceAccount } from './policy-objects';
import { eventsRule, Read, rule } from './rule-builder';

/**
 * The roles of kube-controller-manager's controllers (bootstrappolicy/controller_policy.go): each
 * controller runs as the ServiceAccount kube-system/<name> (--use-service-account-credentials) and
 * is bound to system:controller:<name>.
 */
export const controllerRolePrefix = 'system:controller:';

const core = '';
const apps = 'apps';
const batch = 'batch';
const extensions = 'extensions';
const policy = 'policy';
const storage = 'storage.k8s.io';
const discovery = 'discovery.k8s.io';
const certificates = 'certificates.k8s.io';

const controllers: Record<string, PolicyRule[]> = {
  'attachdetach-controller': [
    rule(['list', 'watch'], [core], ['persistentvolumes', 'persistentvolumeclaims']),
    rule(Read, [core], ['nodes']),
    rule(['patch', 'update'], [core], ['nodes/status']),
    rule(['list', 'watch'], [core], ['pods']),
    eventsRule(),
    rule(['get', 'create', 'delete', 'list', 'watch'], [storage], ['volumeattachments']),
    rule(Read, [storage], ['csidrivers']),
    rule(Read, [storage], ['csinodes']),
  ],
  // It rewrites aggregated roles, so it must be able to write any rules.
  'clusterrole-aggregation-controller': [rule(['escalate', 'get', 'list', 'watch', 'update', 'patch'], ['rbac.authorization.k8s.io'], ['clusterroles'])],
  'cronjob-controller': [
    rule(['get', 'list', 'watch', 'update'], [batch], ['cronjobs']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete', 'patch'], [batch], ['jobs']),
    rule(['update'], [batch], ['cronjobs/status']),
    rule(['update'], [batch], ['cronjobs/finalizers']),
    rule(['list', 'watch', 'delete'], [core], ['pods']),
    eventsRule(),
  ],
  'daemon-set-controller': [
    rule(Read, [extensions, apps], ['daemonsets']),
    rule(['update'], [extensions, apps], ['daemonsets/status']),
    rule(['update'], [extensions, apps], ['daemonsets/finalizers']),
    rule(['list', 'watch'], [core], ['nodes']),
    rule(['list', 'watch', 'create', 'delete', 'patch'], [core], ['pods']),
    rule(['create'], [core], ['pods/binding']),
    rule(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'], [apps], ['controllerrevisions']),
    eventsRule(),
  ],
  'deployment-controller': [
    rule(['get', 'list', 'watch', 'update'], [extensions, apps], ['deployments']),
    rule(['update'], [extensions, apps], ['deployments/status']),
    rule(['update'], [extensions, apps], ['deployments/finalizers']),
    rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], [apps, extensions], ['replicasets']),
    rule(['get', 'list', 'watch', 'update'], [core], ['pods']),
    eventsRule(),
  ],
  'disruption-controller': [
    rule(Read, [extensions, apps], ['deployments']),
    rule(Read, [apps, extensions], ['replicasets']),
    rule(Read, [core], ['replicationcontrollers']),
    rule(Read, [policy], ['poddisruptionbudgets']),
    rule(Read, [apps], ['statefulsets']),
    rule(['update'], [policy], ['poddisruptionbudgets/status']),
    rule(['patch', 'update'], [core], ['pods/status']),
    rule(['get'], ['*'], ['*/scale']),
    eventsRule(),
  ],
  'endpoint-controller': [
    rule(Read, [core], ['services', 'pods']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [core], ['endpoints']),
    rule(['create'], [core], ['endpoints/restricted']),
    eventsRule(),
  ],
  'endpointslice-controller': [
    rule(Read, [core], ['services', 'pods', 'nodes']),
    // Owning the slice with blockOwnerDeletion takes updating the service's finalizers.
    rule(['update'], [core], ['services/finalizers']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [discovery], ['endpointslices']),
    eventsRule(),
  ],
  'endpointslicemirroring-controller': [
    rule(Read, [core], ['services', 'endpoints']),
    rule(['update'], [core], ['services/finalizers']),
    rule(['update'], [core], ['endpoints/finalizers']),
    rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [discovery], ['endpointslices']),
    eventsRule(),
  ],
  'ephemeral-volume-controller': [
    rule(Read, [core], ['pods']),
    rule(['update'], [core], ['pods/finalizers']),
    rule(['get', 'list', 'watch', 'create'], [core], ['persistentvolumeclaims']),
    eventsRule(),
  ],
  'expand-controller': [
    rule(['get', 'list', 'watch', 'update', 'patch'], [core], ['persistentvolumes']),
    rule(['update', 'patch'], [core], ['persistentvolumeclaims/status']),
    rule(Read, [core], ['persistentvolumeclaims']),
    eventsRule(),
    rule(['get'], [core], ['services']),
  ],
  // The garbage collector lists, watches, reads and updates owners and dependents of every kind.
  'generic-garbage-collector': [rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*']), eventsRule()],
  'horizontal-pod-autoscaler': [
    rule(Read, ['autoscaling'], ['horizontalpodautoscalers']),
    rule(['update'], ['autoscaling'], ['horizontalpodautoscalers/status']),
    rule(['get', 'update'], ['*'], ['*/scale']),
    rule(['list', 'watch'], [core], ['pods']),
    rule(['list', 'watch'], ['metrics.k8s.io'], ['pods']),
    rule(Read, ['custom.metrics.k8s.io'], ['*']),
    rule(Read, ['external.metrics.k8s.io'], ['*']),
    eventsRule(),
  ],
  'job-controller': [
    rule(['get', 'list', 'watch', 'update', 'patch'], [batch], ['jobs']),
    rule(['update'], [batch], ['jobs/status']),
    rule(['update'], [batch], ['jobs/finalizers']),
    rule(['list', 'watch', 'create', 'delete', 'patch'], [core], ['pods']),
    eventsRule(),
  ],
  'namespace-controller': [
    rule(['get', 'list', 'watch', 'delete'], [core], ['namespaces']),
    rule(['update'], [core], ['namespaces/finalize', 'namespaces/status']),
    // Emptying a namespace means deleting whatever lives in it.
    rule(['get', 'list', 'watch', 'delete', 'deletecollection'], ['*'], ['*']),
  ],
  'node-controller': [
    rule(['get', 'list', 'watch', 'update', 'delete', 'patch'], [core], ['nodes']),
    rule(['patch', 'update'], [core], ['nodes/status']),
    rule(['patch', 'update'], [core], ['pods/status']),
    rule(['list', 'watch', 'get', 'delete'], [core], ['pods']),
    eventsRule(),
  ],
  'persistent-volume-binder': [
    rule(['get', 'list', 'watch', 'update', 'create', 'delete'], [core], ['persistentvolumes']),
    rule(['update'], [core], ['persistentvolumes/status']),
    rule(['get', 'list', 'watch', 'update'], [core], ['persistentvolumeclaims']),
    rule(['update'], [core], ['persistentvolumeclaims/status']),
    rule(['list', 'watch', 'get', 'create', 'delete'], [core], ['pods']),
    rule(Read, [storage], ['storageclasses']),
    rule(['list', 'watch'], [core], ['nodes']),
    eventsRule(),
    rule(['watch'], [core], ['events']),
    rule(['get'], [core], ['services']),
  ],
  'pod-garbage-collector': [rule(['list', 'watch', 'delete'], [core], ['pods']), rule(Read, [core], ['nodes']), rule(['patch'], [core], ['pods/status'])],
  'replicaset-controller': [
    rule(['get', 'list', 'watch', 'update'], [apps, extensions], ['replicasets']),
    rule(['update'], [apps, extensions], ['replicasets/status']),
    rule(['update'], [apps, extensions], ['replicasets/finalizers']),
    rule(['list', 'watch', 'patch', 'create', 'delete'], [core], ['pods']),
    eventsRule(),
  ],
  'replication-controller': [
    rule(['get', 'list', 'watch', 'update'], [core], ['replicationcontrollers']),
    rule(['update'], [core], ['replicationcontrollers/status']),
    rule(['update'], [core], ['replicationcontrollers/finalizers']),
    rule(['list', 'watch', 'patch', 'create', 'delete'], [core], ['pods']),
    eventsRule(),
  ],
  // Quota counts anything, so it may list everything.
  'resourcequota-controller': [rule(['list', 'watch'], ['*'], ['*']), rule(['update'], [core], ['resourcequotas/status']), eventsRule()],
  'route-controller': [rule(['list', 'watch'], [core], ['nodes']), rule(['patch'], [core], ['nodes/status']), eventsRule()],
  'service-account-controller': [rule(['create'], [core], ['serviceaccounts']), eventsRule()],
  'service-controller': [rule(Read, [core], ['services']), rule(['patch', 'update'], [core], ['services/status']), rule(['list', 'watch'], [core], ['nodes']), eventsRule()],
  'statefulset-controller': [
    rule(['list', 'watch'], [core], ['pods']),
    rule(Read, [apps], ['statefulsets']),
    rule(['update'], [apps], ['statefulsets/status']),
    rule(['update'], [apps], ['statefulsets/finalizers']),
    rule(['get', 'create', 'delete', 'update', 'patch'], [core], ['pods']),
    rule(['get', 'create', 'delete', 'update', 'patch', 'list', 'watch'], [apps], ['controllerrevisions']),
    rule(['get', 'create', 'list', 'watch'], [core], ['persistentvolumeclaims']),
    rule(['update', 'delete'], [core], ['persistentvolumeclaims']),
    rule(['update'], [core], ['pods/finalizers']),
    eventsRule(),
  ],
  'ttl-controller': [rule(['update', 'patch', 'list', 'watch'], [core], ['nodes']), eventsRule()],
  'certificate-controller': [
    rule(['get', 'list', 'watch', 'delete'], [certificates], ['certificatesigningrequests']),
    rule(['update'], [certificates], ['certificatesigningrequests/status', 'certificatesigningrequests/approval']),
    rule(['approve'], [certificates], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
    rule(
      ['sign'],
      [certificates],
      ['signers'],
      ['kubernetes.io/legacy-unknown', 'kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving'],
    ),
    rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    eventsRule(),
  ],
  'pvc-protection-controller': [rule(['get', 'list', 'watch', 'update'], [core], ['persistentvolumeclaims']), rule(Read, [core], ['pods']), eventsRule()],
  'pv-protection-controller': [rule(['get', 'list', 'watch', 'update'], [core], ['persistentvolumes']), eventsRule()],
  'ttl-after-finished-controller': [rule(['get', 'list', 'watch', 'delete'], [batch], ['jobs']), eventsRule()],
  'root-ca-cert-publisher': [rule(['create', 'update'], [core], ['configmaps']), eventsRule()],
  'validatingadmissionpolicy-status-controller': [
    rule(Read, ['admissionregistration.k8s.io'], ['validatingadmissionpolicies']),
    rule(['get', 'patch', 'update'], ['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status']),
    eventsRule(),
  ],
  'legacy-service-account-token-cleaner': [
    rule(['get'], [core], ['configmaps'], ['kube-apiserver-legacy-service-account-token-tracking']),
    rule(['patch', 'delete'], [core], ['secrets']),
  ],
};

export function bootstrapControllerRoles(): ClusterRoleObject[] {
  return Object.entries(controllers).map(([name, rules]) => clusterRole({ name: controllerRolePrefix + name, rules }));
}

/** Each controller role bound to the controller's ServiceAccount in kube-system. */
export function bootstrapControllerRoleBindings(): BindingObject[] {
  return Object.keys(controllers).map((name) => clusterRoleBinding(controllerRolePrefix + name, [serviceAccount('kube-system', name)]));
}
