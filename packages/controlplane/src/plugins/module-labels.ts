import type { interfaces } from 'inversify';

/** Which plugin a ContainerModule came from, so a clash can name it. Built-in modules carry no label. */
const labels = new WeakMap<interfaces.ContainerModule, string>();

export function labelModule(module: interfaces.ContainerModule, plugin: string): void {
  labels.set(module, plugin);
}

export function pluginOf(module: interfaces.ContainerModule): string | undefined {
  return labels.get(module);
}

/** How errors name a module: the plugin it came from, or kapi's own group modules. */
export function describeModule(module: interfaces.ContainerModule): string {
  const plugin = pluginOf(module);
  return plugin === undefined ? 'a built-in group module' : `plugin ${JSON.stringify(plugin)}`;
}
