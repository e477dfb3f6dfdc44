// A plugin whose provider fails when asked for its storage.
const { ContainerModule } = require('inversify');
const { RESTStorageProviderKey } = require('@kapi/apiserver-core');

exports.default = new ContainerModule((bind) => {
  bind(RESTStorageProviderKey).toConstantValue({
    groupName: 'broken.example.dev',
    newRESTStorage: () => {
      throw new Error('no storage for you');
    },
  });
});
