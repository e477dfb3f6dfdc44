import type { Container, interfaces } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { describeModule, pluginOf } from './module-labels';
import { PluginError } from './plugin-error';

function fail(module: interfaces.ContainerModule, message: string): never {
  const plugin = pluginOf(module);
  throw plugin === undefined ? new Error(`${describeModule(module)}: ${message}`) : new PluginError(plugin, message);
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
    if (!container.isBound(RESTStorageProvider)) continue;
    let providers: RESTStorageProvider[];
    try {
      providers = container.getAll<RESTStorageProvider>(RESTStorageProvider);
    } catch (err) {
      fail(module, `cannot create its RESTStorageProvider: ${(err as Error).message}`);
    }
    for (const provider of providers.slice(seen)) {
      const group = provider.groupName;
      if (typeof group !== 'string') fail(module, 'binds a RESTStorageProvider without a groupName');
      const owner = owners.get(group);
      if (owner) fail(module, `API group ${JSON.stringify(group || 'core')} is already installed by ${describeModule(owner)}`);
      owners.set(group, module);
    }
    seen = providers.length;
  }
}
