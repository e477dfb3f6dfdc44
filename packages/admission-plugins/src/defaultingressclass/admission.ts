import {
  handlesOperations,
  type AdmissionPlugin,
  type Attributes,
  type KObject,
  type MutationInterface,
  type RequestContext,
  type StorageLookup,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';
import { listClusterObjects, newestDefaultClassName } from '../util/cluster-objects';

/** The annotation that marks an IngressClass as the cluster's default. */
export const isDefaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';
/** The class annotation Ingresses used before spec.ingressClassName. */
const ingressClassAnnotation = 'kubernetes.io/ingress.class';

/** Of the classes annotated as default, the newest (by creation time, then name) wins, as kube's plugin chooses. */
export function defaultIngressClassName(classes: KObject[]): string | undefined {
  return newestDefaultClassName(classes, (c) => c.metadata?.annotations?.[isDefaultClassAnnotation] === 'true');
}

/**
 * DefaultIngressClass (plugin/pkg/admission/network/defaultingressclass): an Ingress created
 * without a class, by field or by the older annotation, gets the default IngressClass. Only
 * creates (a server-side apply that creates is one): an existing Ingress keeps what it has.
 * Without ingressclasses served there is no default to give.
 */
export class DefaultIngressClass implements MutationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (a.resource.group !== 'networking.k8s.io' || a.resource.resource !== 'ingresses' || a.subresource !== '' || !a.object) return;
    const spec = a.object.spec as { ingressClassName?: string } | undefined;
    if (spec?.ingressClassName !== undefined || a.object.metadata?.annotations?.[ingressClassAnnotation] !== undefined) return;
    const name = defaultIngressClassName(await listClusterObjects(this.lookup, { group: 'networking.k8s.io', resource: 'ingressclasses' }));
    if (name !== undefined) a.object.spec = { ...spec, ingressClassName: name };
  }
}

export const defaultIngressClassPlugin: AdmissionPlugin = { name: 'DefaultIngressClass', newPlugin: () => new DefaultIngressClass() };
