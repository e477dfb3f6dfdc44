import type { ClusterRoleObject } from '../common/types';
import { clusterRole } from './policy-objects';
import { eventsRule, Read, ReadWrite, rule, urls, Write } from './rule-builder';

/**
 * The ClusterRoles kube-apiserver creates at start (plugin/pkg/auth/authorizer/rbac/bootstrappolicy
 * policy.go), as of Kubernetes 1.32 with default feature gates. The rules are API data that
 * clients and kube-controller-manager depend on; admin/edit/view get theirs by aggregation.
 */
const aggregateTo = (role: 'admin' | 'edit' | 'view') => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: 'true' });
const aggregatedFrom = (role: 'admin' | 'edit' | 'view') => [{ matchLabels: aggregateTo(role) }];

const core = '';
const apps = 'apps';
const authentication = 'authentication.k8s.io';
const authorization = 'authorization.k8s.io';
const autoscaling = 'autoscaling';
const batch = 'batch';
const certificates = 'certificates.k8s.io';
const coordination = 'coordination.k8s.io';
const discovery = 'discovery.k8s.io';
const events = 'events.k8s.io';
const extensions = 'extensions';
const networking = 'networking.k8s.io';
const policy = 'policy';
const rbac = 'rbac.authorization.k8s.io';
const storage = 'storage.k8s.io';

function userFacingRoles(): ClusterRoleObject[] {
  return [
    clusterRole({ name: 'cluster-admin', rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])] }),
    clusterRole({ name: 'admin', aggregate: aggregatedFrom('admin') }),
    clusterRole({ name: 'edit', labels: aggregateTo('admin'), aggregate: aggregatedFrom('edit') }),
    clusterRole({ name: 'view', labels: aggregateTo('edit'), aggregate: aggregatedFrom('view') }),
    clusterRole({
      name: 'system:aggregate-to-admin',
      labels: aggregateTo('admin'),
      rules: [rule(['create'], [authorization], ['localsubjectaccessreviews']), rule(ReadWrite, [rbac], ['roles', 'rolebindings'])],
    }),
    clusterRole({
      name: 'system:aggregate-to-edit',
      labels: aggregateTo('edit'),
      rules: [
        // Reading secrets and using a pod's exec/attach/proxy is as good as editing: they live in edit, not view.
        rule(Read, [core], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
        rule(['impersonate'], [core], ['serviceaccounts']),
        rule(Write, [core], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
        rule(['create'], [core], ['pods/eviction']),
        rule(
          Write,
          [core],
          ['replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets'],
        ),
        rule(['create'], [core], ['serviceaccounts/token']),
        rule(Write, [core, events], ['events']),
        rule(Write, [apps], ['statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale']),
        rule(Write, [autoscaling], ['horizontalpodautoscalers']),
        rule(Write, [batch], ['jobs', 'cronjobs']),
        rule(
          Write,
          [extensions],
          [
            'daemonsets',
            'deployments',
            'deployments/scale',
            'deployments/rollback',
            'ingresses',
            'replicasets',
            'replicasets/scale',
            'replicationcontrollers/scale',
            'networkpolicies',
          ],
        ),
        rule(Write, [policy], ['poddisruptionbudgets']),
        rule(Write, [networking], ['ingresses', 'networkpolicies']),
        rule(ReadWrite, [coordination], ['leases']),
      ],
    }),
    clusterRole({
      name: 'system:aggregate-to-view',
      labels: aggregateTo('view'),
      rules: [
        rule(
          Read,
          [core],
          [
            'pods',
            'replicationcontrollers',
            'replicationcontrollers/scale',
            'serviceaccounts',
            'services',
            'services/status',
            'endpoints',
            'persistentvolumeclaims',
            'persistentvolumeclaims/status',
            'configmaps',
          ],
        ),
        rule(
          Read,
          [core],
          ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log'],
        ),
        // Reading namespaces at the namespace scope shows which namespaces a user may use.
        rule(Read, [core], ['namespaces']),
        rule(Read, [core, events], ['events']),
        rule(Read, [discovery], ['endpointslices']),
        rule(
          Read,
          [apps],
          [
            'controllerrevisions',
            'statefulsets',
            'statefulsets/status',
            'statefulsets/scale',
            'daemonsets',
            'daemonsets/status',
            'deployments',
            'deployments/status',
            'deployments/scale',
            'replicasets',
            'replicasets/status',
            'replicasets/scale',
          ],
        ),
        rule(Read, [autoscaling], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
        rule(Read, [batch], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
        rule(
          Read,
          [extensions],
          [
            'daemonsets',
            'daemonsets/status',
            'deployments',
            'deployments/scale',
            'deployments/status',
            'ingresses',
            'ingresses/status',
            'replicasets',
            'replicasets/scale',
            'replicasets/status',
            'replicationcontrollers/scale',
            'networkpolicies',
          ],
        ),
        rule(Read, [policy], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
        rule(Read, [networking], ['ingresses', 'ingresses/status', 'networkpolicies']),
      ],
    }),
  ];
}

function discoveryRoles(): ClusterRoleObject[] {
  return [
    clusterRole({
      name: 'system:discovery',
      rules: [urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*'])],
    }),
    clusterRole({
      name: 'system:basic-user',
      rules: [rule(['create'], [authorization], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], [authentication], ['selfsubjectreviews'])],
    }),
    clusterRole({ name: 'system:public-info-viewer', rules: [urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])] }),
    clusterRole({
      name: 'system:service-account-issuer-discovery',
      rules: [urls(['get'], ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'])],
    }),
    clusterRole({
      name: 'system:monitoring',
      rules: [
        urls(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*', '/statusz']),
        rule(['get'], [core], ['nodes/metrics']),
      ],
    }),
    clusterRole({
      name: 'system:auth-delegator',
      rules: [rule(['create'], [authentication], ['tokenreviews']), rule(['create'], [authorization], ['subjectaccessreviews'])],
    }),
  ];
}

function componentRoles(): ClusterRoleObject[] {
  return [
    clusterRole({ name: 'system:kube-aggregator', rules: [rule(Read, [core], ['services', 'endpoints'])] }),
    clusterRole({
      name: 'system:kube-controller-manager',
      rules: [
        eventsRule(),
        rule(['create'], [coordination], ['leases']),
        rule(['get', 'update'], [coordination], ['leases'], ['kube-controller-manager']),
        rule(['create'], [core], ['secrets', 'serviceaccounts']),
        rule(['delete'], [core], ['secrets']),
        rule(['get'], [core], ['configmaps', 'namespaces', 'secrets', 'serviceaccounts']),
        rule(['update'], [core], ['secrets', 'serviceaccounts']),
        rule(['create'], [authentication], ['tokenreviews']),
        rule(['create'], [authorization], ['subjectaccessreviews']),
        // It builds informers over every resource for the garbage collector and quota.
        rule(['list', 'watch'], ['*'], ['*']),
        rule(['create'], [core], ['serviceaccounts/token']),
      ],
    }),
    clusterRole({
      name: 'system:kube-scheduler',
      rules: [
        eventsRule(),
        rule(['create'], [coordination], ['leases']),
        rule(['get', 'list', 'update', 'watch'], [coordination], ['leases'], ['kube-scheduler']),
        rule(ReadWrite, [coordination], ['leasecandidates']),
        rule(Read, [core], ['nodes']),
        rule(['get', 'list', 'watch', 'delete'], [core], ['pods']),
        rule(['create'], [core], ['bindings', 'pods/binding']),
        rule(['patch', 'update'], [core], ['pods/status']),
        rule(Read, [core], ['replicationcontrollers', 'services']),
        rule(Read, [apps, extensions], ['replicasets']),
        rule(Read, [apps], ['statefulsets']),
        rule(Read, [policy], ['poddisruptionbudgets']),
        rule(Read, [core], ['persistentvolumeclaims', 'persistentvolumes']),
        rule(['create'], [authentication], ['tokenreviews']),
        rule(['create'], [authorization], ['subjectaccessreviews']),
        rule(Read, [storage], ['csinodes']),
        rule(['get', 'list', 'watch'], [storage], ['volumeattachments']),
        rule(Read, [core], ['namespaces']),
        rule(Read, [storage], ['csidrivers']),
        rule(Read, [storage], ['csistoragecapacities']),
      ],
    }),
    clusterRole({
      name: 'system:volume-scheduler',
      rules: [
        rule(['get', 'list', 'watch', 'update', 'patch'], [core], ['persistentvolumes']),
        rule(Read, [storage], ['storageclasses']),
        rule(['get', 'list', 'watch', 'update', 'patch'], [core], ['persistentvolumeclaims']),
      ],
    }),
    clusterRole({ name: 'system:kube-dns', rules: [rule(['list', 'watch'], [core], ['endpoints', 'services'])] }),
    clusterRole({
      name: 'system:node-proxier',
      rules: [
        rule(['list', 'watch'], [core], ['services', 'endpoints']),
        rule(Read, [core], ['nodes']),
        eventsRule(),
        rule(['list', 'watch'], [networking], ['servicecidrs']),
        rule(['list', 'watch'], [discovery], ['endpointslices']),
      ],
    }),
    clusterRole({
      name: 'system:node-problem-detector',
      rules: [rule(['get'], [core], ['nodes']), rule(['patch'], [core], ['nodes/status']), eventsRule()],
    }),
    clusterRole({ name: 'system:node-bootstrapper', rules: [rule(['create', 'get', 'list', 'watch'], [certificates], ['certificatesigningrequests'])] }),
    clusterRole({
      name: 'system:kubelet-api-admin',
      rules: [
        rule(Read, [core], ['nodes']),
        rule(['proxy'], [core], ['nodes']),
        rule(['*'], [core], ['nodes/proxy', 'nodes/metrics', 'nodes/stats', 'nodes/log']),
        rule(['*'], [core], ['nodes/pods', 'nodes/healthz', 'nodes/configz']),
      ],
    }),
    clusterRole({
      name: 'system:persistent-volume-provisioner',
      rules: [
        rule(['get', 'list', 'watch', 'create', 'delete'], [core], ['persistentvolumes']),
        // update lets the provisioner add the claim's annotations.
        rule(['get', 'list', 'watch', 'update'], [core], ['persistentvolumeclaims']),
        rule(Read, [storage], ['storageclasses']),
        rule(['watch'], [core], ['events']),
        eventsRule(),
      ],
    }),
    nodeRole(),
    ...certificateRoles(),
  ];
}

/** system:node: what a kubelet may do (the Node authorizer narrows it to its own node's objects). */
function nodeRole(): ClusterRoleObject {
  return clusterRole({
    name: 'system:node',
    rules: [
      rule(['create'], [authentication], ['tokenreviews']),
      rule(['create'], [authorization], ['subjectaccessreviews', 'localsubjectaccessreviews']),
      rule(Read, [core], ['services']),
      rule(['create', 'get', 'list', 'watch'], [core], ['nodes']),
      rule(['update', 'patch'], [core], ['nodes/status']),
      rule(['update', 'patch'], [core], ['nodes']),
      eventsRule(),
      rule(Read, [core], ['pods']),
      rule(['create', 'delete'], [core], ['pods']),
      rule(['update', 'patch'], [core], ['pods/status']),
      rule(['create'], [core], ['pods/eviction']),
      rule(Read, [core], ['secrets', 'configmaps']),
      rule(['get'], [core], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(['get'], [core], ['endpoints']),
      rule(['create', 'get', 'list', 'watch'], [certificates], ['certificatesigningrequests']),
      rule(['get', 'create', 'update', 'patch', 'delete'], [coordination], ['leases']),
      rule(['get'], [storage], ['volumeattachments']),
      rule(['create'], [core], ['serviceaccounts/token']),
      rule(['get', 'update', 'patch'], [core], ['persistentvolumeclaims/status']),
      rule(Read, [storage], ['csidrivers']),
      rule(['get', 'create', 'update', 'patch', 'delete'], [storage], ['csinodes']),
      rule(Read, ['node.k8s.io'], ['runtimeclasses']),
    ],
  });
}

/** The CSR roles: who may ask for node client certificates, and who approves for each signer. */
function certificateRoles(): ClusterRoleObject[] {
  const approver = (name: string, signer: string) =>
    clusterRole({ name: `system:certificates.k8s.io:${name}`, rules: [rule(['approve'], [certificates], ['signers'], [`kubernetes.io/${signer}`])] });
  return [
    clusterRole({ name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', rules: [rule(['create'], [certificates], ['certificatesigningrequests/nodeclient'])] }),
    clusterRole({
      name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
      rules: [rule(['create'], [certificates], ['certificatesigningrequests/selfnodeclient'])],
    }),
    approver('kube-apiserver-client-approver', 'kube-apiserver-client'),
    approver('kube-apiserver-client-kubelet-approver', 'kube-apiserver-client-kubelet'),
    approver('kubelet-serving-approver', 'kubelet-serving'),
    approver('legacy-unknown-approver', 'legacy-unknown'),
  ];
}

export function bootstrapClusterRoles(): ClusterRoleObject[] {
  return [...userFacingRoles(), ...discoveryRoles(), ...componentRoles()];
}
