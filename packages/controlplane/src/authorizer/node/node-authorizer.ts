import {
  NodesGroup,
  parseFieldSelector,
  type AuthorizationAttributes,
  type AuthorizationResult,
  type Authorizer,
  type KObject,
  type RuleResolver,
  type RulesResult,
  type UserInfo,
} from '@kapi/apiserver-core';
import { persistentVolumeSecretRefs, podClaimNames, podConfigMapNames, podSecretNames, type NodeGraphSource } from './graph';
import { nodeRules, rulesAllow } from './node-rules';

const nodeUserPrefix = 'system:node:';
const nodeLeaseNamespace = 'kube-node-lease';

const allow: AuthorizationResult = { decision: 'Allow', reason: '' };
const noOpinion = (reason = ''): AuthorizationResult => ({ decision: 'NoOpinion', reason });

/** The kinds of object the node graph relates to a node. */
type Vertex = 'secret' | 'configmap' | 'pvc' | 'pv' | 'serviceaccount' | 'pod' | 'volumeattachment';

/** nodeidentifier: `system:node:<name>` in group system:nodes is a node; any other user is not. */
export function nodeIdentity(user: UserInfo): { isNode: boolean; nodeName: string } {
  if (!user.name.startsWith(nodeUserPrefix) || !user.groups.includes(NodesGroup)) return { isNode: false, nodeName: '' };
  return { isNode: true, nodeName: user.name.slice(nodeUserPrefix.length) };
}

/**
 * The Node authorization mode (plugin/pkg/auth/authorizer/node): a kubelet may read only what the
 * pods bound to its node need — their secrets, configmaps, claims, volumes and service account
 * tokens — its own Node and Lease, and what the static system:node rules grant. Requests of other
 * users get no opinion, so RBAC decides them.
 */
export class NodeAuthorizer implements Authorizer, RuleResolver {
  constructor(private readonly graph: NodeGraphSource) {}

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationResult> {
    const { isNode, nodeName } = nodeIdentity(attrs.user);
    if (!isNode) return noOpinion();
    if (!nodeName) return noOpinion(`unknown node for user "${attrs.user.name}"`);
    if (attrs.resourceRequest) {
      const decided = await this.authorizeResource(nodeName, attrs);
      if (decided) return decided;
    }
    return rulesAllow(attrs, nodeRules) ? allow : noOpinion();
  }

  /** Nodes cannot list what the graph would let them read. */
  rulesFor(user: UserInfo): RulesResult {
    if (!nodeIdentity(user).isNode) return { resourceRules: [], nonResourceRules: [], incomplete: false };
    return { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' };
  }

  /** The resources kube subdivides by relationship; undefined leaves the request to the static rules. */
  private authorizeResource(nodeName: string, attrs: AuthorizationAttributes): Promise<AuthorizationResult> | AuthorizationResult | undefined {
    const group = attrs.apiGroup ?? '';
    switch (`${attrs.resource}.${group}`) {
      case 'secrets.':
        return this.authorizeReadNamespacedObject(nodeName, 'secret', attrs);
      case 'configmaps.':
        return this.authorizeReadNamespacedObject(nodeName, 'configmap', attrs);
      case 'persistentvolumeclaims.':
        return attrs.subresource === 'status' ? this.authorizeStatusUpdate(nodeName, 'pvc', attrs) : this.authorizeGet(nodeName, 'pvc', attrs);
      case 'persistentvolumes.':
        return this.authorizeGet(nodeName, 'pv', attrs);
      case 'volumeattachments.storage.k8s.io':
        return this.authorizeGet(nodeName, 'volumeattachment', attrs);
      case 'serviceaccounts.':
        return this.authorizeCreateToken(nodeName, attrs);
      case 'leases.coordination.k8s.io':
        return authorizeOwnObject(
          nodeName,
          attrs,
          'node lease',
          attrs.namespace === nodeLeaseNamespace ? undefined : `can only access leases in the "${nodeLeaseNamespace}" system namespace`,
        );
      case 'csinodes.storage.k8s.io':
        if (attrs.subresource) return noOpinion('cannot authorize CSINode subresources');
        return authorizeOwnObject(nodeName, attrs, 'CSINode');
      case 'pods.':
        return this.authorizePod(nodeName, attrs);
      case 'nodes.':
        return authorizeNode(nodeName, attrs);
      default:
        return undefined;
    }
  }

  private authorizeReadNamespacedObject(nodeName: string, vertex: Vertex, attrs: AuthorizationAttributes): Promise<AuthorizationResult> | AuthorizationResult {
    if (!['get', 'list', 'watch'].includes(attrs.verb)) return noOpinion('can only read resources of this type');
    if (attrs.subresource) return noOpinion('cannot read subresource');
    if (!attrs.namespace) return noOpinion('can only read namespaced object of this type');
    return this.authorizeRelated(nodeName, vertex, attrs);
  }

  private authorizeGet(nodeName: string, vertex: Vertex, attrs: AuthorizationAttributes): Promise<AuthorizationResult> | AuthorizationResult {
    if (attrs.verb !== 'get') return noOpinion('can only get individual resources of this type');
    if (attrs.subresource) return noOpinion('cannot get subresource');
    return this.authorizeRelated(nodeName, vertex, attrs);
  }

  private authorizeStatusUpdate(nodeName: string, vertex: Vertex, attrs: AuthorizationAttributes): Promise<AuthorizationResult> | AuthorizationResult {
    if (attrs.verb !== 'update' && attrs.verb !== 'patch') return noOpinion('can only get/update/patch this type');
    if (attrs.subresource !== 'status') return noOpinion('can only update status subresource');
    return this.authorizeRelated(nodeName, vertex, attrs);
  }

  private authorizeCreateToken(nodeName: string, attrs: AuthorizationAttributes): Promise<AuthorizationResult> | AuthorizationResult {
    if (attrs.verb !== 'create' || !attrs.name) return noOpinion('can only create tokens for individual service accounts');
    if (attrs.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
    return this.authorizeRelated(nodeName, 'serviceaccount', attrs);
  }

  /** With KEP-4601: a node gets a pod bound to it, and lists or watches only its own pods by field selector. */
  private authorizePod(nodeName: string, attrs: AuthorizationAttributes): Promise<AuthorizationResult> | AuthorizationResult {
    switch (attrs.subresource ?? '') {
      case '':
        if (attrs.verb === 'get') return this.authorizeGet(nodeName, 'pod', attrs);
        if (attrs.verb === 'list' || attrs.verb === 'watch') {
          if (selectsNode(attrs.fieldSelector, nodeName)) return allow;
          return noOpinion(`can only list/watch pods with spec.nodeName=${nodeName} field selector`);
        }
        if (attrs.verb === 'create' || attrs.verb === 'delete') return allow;
        break;
      case 'status':
        if (attrs.verb === 'update' || attrs.verb === 'patch') return allow;
        break;
      case 'eviction':
        if (attrs.verb === 'create') return allow;
        break;
    }
    return noOpinion();
  }

  private async authorizeRelated(nodeName: string, vertex: Vertex, attrs: AuthorizationAttributes): Promise<AuthorizationResult> {
    if (!attrs.name) return noOpinion('No Object name found');
    let related = false;
    try {
      related = await this.hasPathFrom(nodeName, vertex, attrs.namespace ?? '', attrs.name);
    } catch {
      related = false;
    }
    return related ? allow : noOpinion(`no relationship found between node '${nodeName}' and this object`);
  }

  /** Is there a path object → pod → node (or object → pv → pvc → pod → node, or va → node)? */
  private async hasPathFrom(nodeName: string, vertex: Vertex, namespace: string, name: string): Promise<boolean> {
    if (vertex === 'volumeattachment') {
      const va = await this.graph.getVolumeAttachment?.(name);
      return (va?.spec as { nodeName?: string } | undefined)?.nodeName === nodeName;
    }
    const pods = await this.graph.podsOnNode(nodeName);
    const inNamespace = pods.filter((p) => p.metadata?.namespace === namespace);
    switch (vertex) {
      case 'pod':
        return inNamespace.some((p) => p.metadata?.name === name);
      case 'serviceaccount':
        return inNamespace.some((p) => (p.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName === name);
      case 'configmap':
        return inNamespace.some((p) => podConfigMapNames(p).includes(name));
      case 'pvc':
        return inNamespace.some((p) => podClaimNames(p).includes(name));
      case 'pv':
        return (await this.volumesOf(pods)).some((pv) => pv.metadata?.name === name);
      case 'secret':
        if (inNamespace.some((p) => podSecretNames(p).includes(name))) return true;
        return (await this.volumesOf(pods)).some((pv) => persistentVolumeSecretRefs(pv).some((r) => r.namespace === namespace && r.name === name));
    }
  }

  /** The persistent volumes bound to the claims of the node's pods. */
  private async volumesOf(pods: KObject[]): Promise<KObject[]> {
    const volumes: KObject[] = [];
    for (const pod of pods) {
      for (const claimName of podClaimNames(pod)) {
        const claim = await this.graph.getPersistentVolumeClaim(pod.metadata?.namespace ?? '', claimName);
        const volumeName = (claim?.spec as { volumeName?: string } | undefined)?.volumeName;
        const pv = volumeName ? await this.graph.getPersistentVolume(volumeName) : undefined;
        if (pv) volumes.push(pv);
      }
    }
    return volumes;
  }
}

/** Node leases and CSINodes: get, create, update, patch, delete — of the object named as the node (create names none yet). */
function authorizeOwnObject(nodeName: string, attrs: AuthorizationAttributes, what: string, wrongPlace?: string): AuthorizationResult {
  if (!['get', 'create', 'update', 'patch', 'delete'].includes(attrs.verb)) return noOpinion(`can only get, create, update, patch, or delete a ${what}`);
  if (wrongPlace) return noOpinion(wrongPlace);
  if (attrs.verb !== 'create' && attrs.name !== nodeName) return noOpinion(`can only access ${what} with the same name as the requesting node`);
  return allow;
}

/** A node reads only its own Node (by name, so it can look before registering), and writes any (NodeRestriction narrows that). */
function authorizeNode(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
  const sub = attrs.subresource ?? '';
  if (sub === '' && ['create', 'update', 'patch'].includes(attrs.verb)) return allow;
  if (sub === '' && ['get', 'list', 'watch'].includes(attrs.verb)) {
    if (attrs.name === nodeName) return allow;
    if (!attrs.name) return noOpinion(`node '${nodeName}' cannot read all nodes, only its own Node object`);
    return noOpinion(`node '${nodeName}' cannot read '${attrs.name}', only its own Node object`);
  }
  if (sub === 'status' && (attrs.verb === 'update' || attrs.verb === 'patch')) return allow;
  return noOpinion();
}

function selectsNode(fieldSelector: string | undefined, nodeName: string): boolean {
  if (!fieldSelector) return false;
  try {
    return parseFieldSelector(fieldSelector).requiresExactMatch('spec.nodeName') === nodeName;
  } catch {
    return false;
  }
}
