import { ContainerModule, injectable } from 'inversify';
import {
  RESTStorageProvider, newVersionedGroupInfo, type APIGroupInfo, type APIResourceConfigSource, type RESTOptionsGetter,
} from '@kapi/apiserver-core';
import { newCustomResourceDefinitionREST } from './customresourcedefinition-storage';

/** apiextensions.k8s.io/v1 as kube-apiserver always serves it; here only the (empty) CRD collection. */
@injectable()
export class APIExtensionsRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = 'apiextensions.k8s.io';

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    return newVersionedGroupInfo(source, { group: this.groupName, version: 'v1' }, { customresourcedefinitions: newCustomResourceDefinitionREST }, getter, [
      { gvk: { group: this.groupName, version: 'v1', kind: 'CustomResourceDefinition' }, definition: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition' },
    ]);
  }
}

export const apiExtensionsModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).to(APIExtensionsRESTStorageProvider).inSingletonScope();
});
