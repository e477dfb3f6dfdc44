// A plugin that tries to serve the built-in apps group a second time.
const { ContainerModule } = require('inversify');
const { RESTStorageProviderKey, newDefaultAPIGroupInfo } = require('@kapi/apiserver-core');

exports.default = new ContainerModule((bind) => {
  bind(RESTStorageProviderKey).toConstantValue({ groupName: 'apps', newRESTStorage: () => newDefaultAPIGroupInfo('apps', 'v1') });
});
