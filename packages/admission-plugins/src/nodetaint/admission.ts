import { handlesOperations, type AdmissionPlugin, type Attributes, type MutationInterface, type RequestContext } from '@kapi/apiserver-core';

interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

const notReadyTaint: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };

/**
 * TaintNodesByCondition (plugin/pkg/admission/nodetaint): a node is registered with the not-ready
 * NoSchedule taint, so nothing is scheduled onto it before the node lifecycle controller has seen
 * it Ready and removed the taint.
 */
export class TaintNodesByCondition implements MutationInterface {
  readonly handles = handlesOperations('CREATE');

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (a.resource.group !== '' || a.resource.resource !== 'nodes' || a.subresource !== '' || !a.object) return;
    const spec = (a.object.spec ??= {}) as { taints?: Taint[] };
    // Taint.MatchTaint: the same key and effect, whatever the value.
    if ((spec.taints ?? []).some((t) => t.key === notReadyTaint.key && t.effect === notReadyTaint.effect)) return;
    spec.taints = [...(spec.taints ?? []), { ...notReadyTaint }];
  }
}

export const taintNodesByConditionPlugin: AdmissionPlugin = { name: 'TaintNodesByCondition', newPlugin: () => new TaintNodesByCondition() };
