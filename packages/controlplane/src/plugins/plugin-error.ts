/** A plugin that cannot be installed: the message names the plugin, `kapi server` exits non-zero with it. */
export class PluginError extends Error {
  constructor(
    readonly plugin: string,
    message: string,
  ) {
    super(`plugin ${JSON.stringify(plugin)}: ${message}`);
    this.name = 'PluginError';
  }
}
