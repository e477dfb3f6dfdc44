// A plugin that forgot to export its ContainerModule.
module.exports = { hello: 'world' };
