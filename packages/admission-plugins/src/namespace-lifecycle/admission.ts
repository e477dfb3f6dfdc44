import {
  handlesOperations,
  isGetter,
  isStatusError,
  newAdmissionForbidden,
  newInternalError,
  newNotFound,
  type AdmissionPlugin,
  type Attributes,
  type Getter,
  type KObject,
  type MutationInterface,
  type RequestContext,
  StatusError,
  type StorageLookup,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';

export const namespaceLifecyclePluginName = 'NamespaceLifecycle';

const namespacesResource = { group: '', resource: 'namespaces' };

/** A "not found" for these would let anyone probe which namespaces exist (kube's accessReviewResources). */
const accessReviewResources = new Set(['localsubjectaccessreviews.authorization.k8s.io']);

/**
 * NamespaceLifecycle (apiserver/pkg/admission/plugin/namespace/lifecycle): nothing is created or
 * updated in a namespace that does not exist (404), nothing created in one being terminated (403,
 * with kube's NamespaceTerminating cause). The undeletable system namespaces are refused by the
 * namespace storage itself, so the check stays on even with this plugin off.
 */
export class NamespaceLifecycle implements MutationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE', 'UPDATE', 'DELETE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    const isNamespace = a.kind.group === '' && a.kind.kind === 'Namespace';
    if (isNamespace || !a.namespace || a.operation === 'DELETE') return;
    if (accessReviewResources.has(`${a.resource.resource}.${a.resource.group}`)) return;
    const namespaces = this.lookup?.(namespacesResource);
    if (!namespaces || !isGetter(namespaces)) return;
    const namespace = await lookupNamespace(namespaces, a.namespace);
    if (a.operation === 'CREATE' && isTerminating(namespace)) throw terminatingError(a);
  }
}

function isTerminating(ns: KObject): boolean {
  return (ns.status as { phase?: string } | undefined)?.phase === 'Terminating' || !!ns.metadata?.deletionTimestamp;
}

function terminatingError(a: Attributes): StatusError {
  const err = newAdmissionForbidden(a, `unable to create new content in namespace ${a.namespace} because it is being terminated`);
  const causes = [...(err.details?.causes ?? []), { reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' }];
  return new StatusError(err.code, err.reason, err.message, { ...err.details, causes });
}

/**
 * Reads the namespace from the watch cache (resourceVersion "0"), as kube reads it from an informer;
 * only a namespace the cache does not know yet costs a live read, so one created a moment ago is found.
 */
async function lookupNamespace(getter: Getter, ns: string): Promise<KObject> {
  try {
    return await getter.get({}, ns, { resourceVersion: '0' });
  } catch (err) {
    if (!isStatusError(err) || err.code !== 404) throw newInternalError(err);
  }
  try {
    return await getter.get({}, ns, {});
  } catch (err) {
    if (isStatusError(err) && err.code === 404) throw newNotFound(namespacesResource, ns);
    throw newInternalError(err);
  }
}

export const namespaceLifecyclePlugin: AdmissionPlugin = {
  name: namespaceLifecyclePluginName,
  newPlugin: () => new NamespaceLifecycle(),
};
