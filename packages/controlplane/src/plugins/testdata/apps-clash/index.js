// A plugin that tries to serve the built-in apps group a second time.
const { ContainerModule } = require('inversify');
const { RESTStorageProvider, newDefaultAPIGroupInfo } = require('@kapi/apiserver-core');

exports.default = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue({ groupName: 'apps', newRESTStorage: () => newDefaultAPIGroupInfo('apps', 'v1') });
});
