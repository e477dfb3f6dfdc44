// An ES module plugin: kapi requires it through require(esm) and takes its default export.
import { ContainerModule } from 'inversify';
import { newDefaultAPIGroupInfo, RESTStorageProviderKey } from '@kapi/apiserver-core';

export default new ContainerModule((bind) => {
  bind(RESTStorageProviderKey).toConstantValue({
    groupName: 'esm.example.dev',
    newRESTStorage: () => newDefaultAPIGroupInfo('esm.example.dev', 'v1'),
  });
});
