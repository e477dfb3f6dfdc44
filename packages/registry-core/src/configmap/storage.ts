import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { configMapStrategy } from './strategy';
import { configMapTable } from './table';

/** configmap REST: the generic Store configured for ConfigMaps. */
export class ConfigMapREST extends Store {
  shortNames(): string[] {
    return ['cm'];
  }
}

export function newConfigMapREST(optsGetter: RESTOptionsGetter): ConfigMapREST {
  const resource = { group: '', resource: 'configmaps' };
  return new ConfigMapREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'ConfigMap' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'ConfigMapList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'configmap' },
    createStrategy: configMapStrategy,
    updateStrategy: configMapStrategy,
    deleteStrategy: configMapStrategy,
    tableConvertor: configMapTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
