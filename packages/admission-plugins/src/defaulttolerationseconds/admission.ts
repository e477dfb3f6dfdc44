import { handlesOperations, type AdmissionPlugin, type Attributes, type MutationInterface, type RequestContext } from '@kapi/apiserver-core';

interface Toleration {
  key?: string;
  operator?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** kube-apiserver's --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds defaults. */
const defaultTolerationSeconds = 300;
const taints = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): a pod that does not
 * tolerate the not-ready and unreachable NoExecute taints tolerates them for 5 minutes, so its
 * node's failure evicts it after that time rather than at once.
 */
export class DefaultTolerationSeconds implements MutationInterface {
  readonly handles = handlesOperations('CREATE', 'UPDATE');

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (a.resource.group !== '' || a.resource.resource !== 'pods' || a.subresource !== '' || !a.object) return;
    const spec = (a.object.spec ??= {}) as { tolerations?: Toleration[] };
    const tolerations = spec.tolerations ?? [];
    const tolerates = (key: string) => tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
    const missing = taints.filter((key) => !tolerates(key));
    if (missing.length === 0) return;
    spec.tolerations = [...tolerations, ...missing.map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: defaultTolerationSeconds }))];
  }
}

export const defaultTolerationSecondsPlugin: AdmissionPlugin = { name: 'DefaultTolerationSeconds', newPlugin: () => new DefaultTolerationSeconds() };
