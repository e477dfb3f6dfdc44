// A plugin whose provider fails when asked for its storage.
const { ContainerModule } = require('inversify');
const { RESTStorageProvider } = require('@kapi/apiserver-core');

exports.default = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue({
    groupName: 'broken.example.dev',
    newRESTStorage: () => {
      throw new Error('no storage for you');
    },
  });
});
