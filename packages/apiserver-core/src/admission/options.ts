import { ChainAdmissionHandler } from './chain';
import { readAdmissionConfiguration } from './config';
import type { PluginInitializer } from './initializer';
import type { AdmissionPlugin } from './plugin';

/** options.AdmissionOptions: --enable-admission-plugins, --disable-admission-plugins, --admission-control-config-file. */
export interface AdmissionOptions {
  enablePlugins: string[];
  disablePlugins: string[];
  configFile?: string;
}

export const defaultAdmissionOptions = (): AdmissionOptions => ({ enablePlugins: [], disablePlugins: [] });

/** The server's order of plugins (kube's AllOrderedPlugins) and where a plugin it does not know goes. */
export interface PluginOrder {
  recommended: readonly string[];
  /** Plugins not in `recommended` run just before this one, as kube asks new plugins to sit above the webhooks. */
  insertUnknownBefore: string;
}

/** Registered plugins in the order they run: the recommended order, others where `insertUnknownBefore` says. */
export function orderPlugins(registered: readonly AdmissionPlugin[], order: PluginOrder): AdmissionPlugin[] {
  const byName = new Map(registered.map((p) => [p.name, p]));
  const known = order.recommended.filter((n) => byName.has(n));
  const unknown = registered.map((p) => p.name).filter((n) => !order.recommended.includes(n));
  const boundary = order.recommended.indexOf(order.insertUnknownBefore);
  const at = boundary < 0 ? -1 : known.findIndex((n) => order.recommended.indexOf(n) >= boundary);
  const names = at < 0 ? [...known, ...unknown] : [...known.slice(0, at), ...unknown, ...known.slice(at)];
  return names.map((n) => byName.get(n)!);
}

/**
 * AdmissionOptions.Validate: the same errors kube-apiserver reports for these flags. A plugin of the
 * server's order that is not registered (`known`: a kube plugin kapi does not implement) may be
 * disabled — it does not run either way, and tools written for kube-apiserver disable some by habit
 * (envtest passes --disable-admission-plugins=ServiceAccount) — but enabling it is an error.
 */
export function validateAdmissionOptions(opts: AdmissionOptions, registered: readonly AdmissionPlugin[], known: readonly string[] = []): string[] {
  const names = new Set(registered.map((p) => p.name));
  const errs: string[] = [];
  for (const n of opts.enablePlugins) if (!names.has(n)) errs.push(`enable-admission-plugins plugin "${n}" is unknown`);
  for (const n of opts.disablePlugins) if (!names.has(n) && !known.includes(n)) errs.push(`disable-admission-plugins plugin "${n}" is unknown`);
  const both = [...new Set(opts.enablePlugins)].filter((n) => opts.disablePlugins.includes(n)).sort();
  if (both.length) errs.push(`[${both.join(' ')}] in enable-admission-plugins and disable-admission-plugins overlapped`);
  return errs;
}

/** enabledPluginNames: every plugin that is neither default-off nor disabled, plus the ones enabled by name. */
export function enabledPlugins(ordered: readonly AdmissionPlugin[], opts: AdmissionOptions): AdmissionPlugin[] {
  const enabled = new Set(opts.enablePlugins);
  const disabled = new Set(opts.disablePlugins);
  return ordered.filter((p) => enabled.has(p.name) || (!p.defaultOff && !disabled.has(p.name)));
}

/**
 * AdmissionOptions.ApplyTo: validates the flags, reads the config file and builds the enabled
 * plugins, initialized, into one chain. Any error stops start-up.
 */
export async function newAdmissionChain(
  opts: AdmissionOptions,
  registered: readonly AdmissionPlugin[],
  order: PluginOrder,
  initializers: readonly PluginInitializer[],
): Promise<ChainAdmissionHandler> {
  const errs = validateAdmissionOptions(opts, registered, order.recommended);
  if (errs.length) throw new Error(errs.join(', '));
  const configs = readAdmissionConfiguration(opts.configFile);
  const plugins = [];
  for (const p of enabledPlugins(orderPlugins(registered, order), opts)) {
    let plugin;
    try {
      plugin = await p.newPlugin(configs.get(p.name));
    } catch (err) {
      throw new Error(`failed to initialize admission plugin ${JSON.stringify(p.name)}: ${(err as Error).message}`);
    }
    for (const init of initializers) init(plugin);
    plugins.push(plugin);
  }
  return new ChainAdmissionHandler(plugins);
}
