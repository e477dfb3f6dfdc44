import { isDeepStrictEqual } from 'node:util';
import { parseQuantity } from '@kapi/registry-core';
import {
  handlesOperations,
  isGetter,
  isStatusError,
  newAdmissionForbidden,
  type AdmissionPlugin,
  type Attributes,
  type KObject,
  type MutationInterface,
  type RequestContext,
  type StorageLookup,
  type ValidationInterface,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';

type ResourceList = Record<string, string>;

interface RuntimeClassObject extends KObject {
  overhead?: { podFixed?: ResourceList };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: object[] };
}

interface PodSpec {
  runtimeClassName?: string;
  overhead?: ResourceList;
  nodeSelector?: Record<string, string>;
  tolerations?: object[];
}

/** apiequality.Semantic.DeepEqual of two resource lists: quantities compare by value ("1" equals "1000m"). */
function sameResources(a: ResourceList | undefined, b: ResourceList | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => k in a && k in b && parseQuantity(a[k]) === parseQuantity(b[k]));
}

/**
 * RuntimeClass (plugin/pkg/admission/runtimeclass): a pod naming a RuntimeClass must name one that
 * exists; it gets the class's pod overhead (a different one is refused) and its scheduling — node
 * selector merged (a conflicting key is refused) and tolerations added.
 */
export class RuntimeClass implements MutationInterface, ValidationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    const prepared = await this.prepare(a);
    if (!prepared?.rc) return;
    const { spec, rc } = prepared;
    const overhead = rc.overhead?.podFixed;
    if (overhead) {
      if (spec.overhead && !sameResources(overhead, spec.overhead)) throw newAdmissionForbidden(a, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
      spec.overhead = { ...overhead };
    }
    if (!rc.scheduling) return;
    const selector = spec.nodeSelector ?? { ...(rc.scheduling.nodeSelector ?? {}) };
    if (spec.nodeSelector) {
      for (const [key, value] of Object.entries(rc.scheduling.nodeSelector ?? {})) {
        if (key in selector && selector[key] !== value) {
          throw newAdmissionForbidden(a, `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${selector[key]}`);
        }
        selector[key] = value;
      }
    }
    if (Object.keys(selector).length) spec.nodeSelector = selector;
    const tolerations = [...(spec.tolerations ?? [])];
    for (const t of rc.scheduling.tolerations ?? []) if (!tolerations.some((x) => isDeepStrictEqual(x, t))) tolerations.push(t);
    if (tolerations.length) spec.tolerations = tolerations;
  }

  /** validateOverhead: the pod's overhead is exactly its class's, and none without a class that defines one. */
  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    const prepared = await this.prepare(a);
    if (!prepared) return;
    const { spec, rc } = prepared;
    const overhead = rc?.overhead?.podFixed;
    if (overhead) {
      if (!sameResources(overhead, spec.overhead)) throw newAdmissionForbidden(a, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
    } else if (spec.overhead) {
      throw newAdmissionForbidden(a, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
    }
  }

  /** The pod's spec and its RuntimeClass (none when it names none); a named class that does not exist is refused. */
  private async prepare(a: Attributes): Promise<{ spec: PodSpec; rc?: RuntimeClassObject } | undefined> {
    if (a.resource.group !== '' || a.resource.resource !== 'pods' || a.subresource !== '' || !a.object) return undefined;
    const spec = (a.object.spec ??= {}) as PodSpec;
    if (spec.runtimeClassName == null) return { spec };
    const classes = this.lookup?.({ group: 'node.k8s.io', resource: 'runtimeclasses' });
    const rc =
      classes && isGetter(classes)
        ? await classes.get({}, spec.runtimeClassName, {}).catch((err: unknown) => {
            if (isStatusError(err) && err.code === 404) return undefined;
            throw err;
          })
        : undefined;
    if (!rc) throw newAdmissionForbidden(a, `pod rejected: RuntimeClass ${JSON.stringify(spec.runtimeClassName)} not found`);
    return { spec, rc: rc as RuntimeClassObject };
  }
}

export const runtimeClassPlugin: AdmissionPlugin = { name: 'RuntimeClass', newPlugin: () => new RuntimeClass() };
