// A plugin whose ContainerModule throws when the container loads it.
const { ContainerModule } = require('inversify');

module.exports = new ContainerModule(() => {
  throw new Error('cannot bind today');
});
