import { Store, type Getter, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import { BindingREST, LegacyBindingREST } from './binding';
import type { PodDisruptionBudgetClientLookup } from './disruption-budgets';
import { EvictionREST } from './eviction';
import { PodConnectREST } from './connect';
import { podAttrs, podEphemeralContainersStrategy, podStatusStrategy, podStrategy } from './strategy';
import { podTable } from './table';

export class PodREST extends Store {
  shortNames(): string[] {
    return ['po'];
  }
  categories(): string[] {
    return ['all'];
  }
}

/** PodStorage (pkg/registry/core/pod/storage): the pod Store and every subresource built on it. */
export interface PodStorage {
  pod: PodREST;
  status: StatusREST;
  ephemeralContainers: StatusREST;
  binding: BindingREST;
  legacyBinding: LegacyBindingREST;
  eviction: EvictionREST;
  log: PodConnectREST;
  exec: PodConnectREST;
  attach: PodConnectREST;
  portForward: PodConnectREST;
  proxy: PodConnectREST;
}

/**
 * NewStorage: pods reach their node's kubelet through the nodes Getter (KubeletConnectionInfo);
 * evictions consult the disruption budgets when a policy group provides them.
 */
export function newPodStorage(optsGetter: RESTOptionsGetter, nodes: Getter, budgets?: PodDisruptionBudgetClientLookup): PodStorage {
  const resource = { group: '', resource: 'pods' };
  const pod = new PodREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'Pod' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'PodList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'pod' },
    createStrategy: podStrategy,
    updateStrategy: podStrategy,
    deleteStrategy: podStrategy,
    tableConvertor: podTable,
    returnDeletedObject: true,
  }).completeWithOptions({
    restOptions: optsGetter.getRESTOptions(resource),
    attrFunc: podAttrs,
    triggerFunc: [{ indexName: 'spec.nodeName', indexerFunc: (o) => String((o.spec as { nodeName?: string } | undefined)?.nodeName ?? '') }],
  });
  const podStatus = pod.withStrategies({ updateStrategy: podStatusStrategy });
  return {
    pod,
    status: new StatusREST(podStatus),
    ephemeralContainers: new StatusREST(pod.withStrategies({ updateStrategy: podEphemeralContainersStrategy })),
    binding: new BindingREST(pod),
    legacyBinding: new LegacyBindingREST(pod),
    eviction: new EvictionREST(pod, podStatus, budgets),
    log: new PodConnectREST(pod, nodes, 'log'),
    exec: new PodConnectREST(pod, nodes, 'exec'),
    attach: new PodConnectREST(pod, nodes, 'attach'),
    portForward: new PodConnectREST(pod, nodes, 'portforward'),
    proxy: new PodConnectREST(pod, nodes, 'proxy'),
  };
}
