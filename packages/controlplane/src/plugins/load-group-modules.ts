import type { Container, interfaces } from 'inversify';
import { getAllServices, RESTStorageProviderKey, type RESTStorageProvider } from '@kapi/apiserver-core';
import { describeModule, pluginOf } from './module-labels';
import { PluginError } from './plugin-error';

function fail(module: interfaces.ContainerModule, message: string): never {
  const plugin = pluginOf(module);
  throw plugin === undefined ? new Error(`${describeModule(module)}: ${message}`) : new PluginError(plugin, message);
}

/**
 * A plugin provider's failure in newRESTStorage names the plugin too: the Instance adds the group
 * ("problem initializing API group …"), this adds whose group it is. Only the instance seen here is
 * wrapped — providers bound in singleton scope or as constants, as group modules bind them.
 */
function attributeFailures(provider: RESTStorageProvider, plugin: string): void {
  const newRESTStorage = provider.newRESTStorage.bind(provider);
  const named = (err: unknown) => new PluginError(plugin, (err as Error)?.message ?? String(err));
  Object.defineProperty(provider, 'newRESTStorage', {
    configurable: true,
    value: (...args: Parameters<RESTStorageProvider['newRESTStorage']>) => {
      try {
        const info = newRESTStorage(...args);
        return info instanceof Promise ? info.catch((err: unknown) => Promise.reject(named(err))) : info;
      } catch (err) {
        throw named(err);
      }
    },
  });
}

/**
 * Loads the group modules into the container one at a time, noting which API groups each one's
 * RESTStorageProviders serve: a module that throws, or serves a group another module already
 * serves (the legacy group "" included), stops start-up with an error naming the plugin.
 */
export function loadGroupModules(container: Container, modules: interfaces.ContainerModule[]): void {
  const owners = new Map<string, interfaces.ContainerModule>();
  let seen = 0;
  for (const module of modules) {
    try {
      container.load(module);
    } catch (err) {
      fail(module, `failed to load its ContainerModule: ${(err as Error).message}`);
    }
    if (!container.isBound(RESTStorageProviderKey)) continue;
    let providers: RESTStorageProvider[];
    try {
      providers = getAllServices(container, RESTStorageProviderKey);
    } catch (err) {
      fail(module, `cannot create its RESTStorageProvider: ${(err as Error).message}`);
    }
    for (const provider of providers.slice(seen)) {
      const group = provider.groupName;
      if (typeof group !== 'string') fail(module, 'binds a RESTStorageProvider without a groupName');
      const owner = owners.get(group);
      if (owner) fail(module, `API group ${JSON.stringify(group || 'core')} is already installed by ${describeModule(owner)}`);
      owners.set(group, module);
      const plugin = pluginOf(module);
      if (plugin !== undefined) attributeFailures(provider, plugin);
    }
    seen = providers.length;
  }
}
