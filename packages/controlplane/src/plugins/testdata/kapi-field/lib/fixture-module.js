// A plugin found through the "kapi" field of its package.json; it serves an empty group.
const { ContainerModule } = require('inversify');
const { RESTStorageProviderKey, newDefaultAPIGroupInfo } = require('@kapi/apiserver-core');

module.exports.default = new ContainerModule((bind) => {
  bind(RESTStorageProviderKey).toConstantValue({
    groupName: 'fixture.example.dev',
    newRESTStorage: () => newDefaultAPIGroupInfo('fixture.example.dev', 'v1'),
  });
});
