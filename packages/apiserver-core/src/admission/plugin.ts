import type { AdmissionInterface } from './interfaces';
import { AdmissionPluginKey } from '../keys';

/**
 * An admission plugin as a package contributes it (kube's admission.Plugins.Register(name, factory)):
 * bound in the container under `AdmissionPluginKey`, as a group binds its RESTStorageProvider. The
 * server builds the enabled ones, in order, when it starts.
 */
export interface AdmissionPlugin {
  /** The name --enable-admission-plugins and the AdmissionConfiguration file use (`NamespaceLifecycle`). */
  readonly name: string;
  /**
   * kube-apiserver's DefaultOffAdmissionPlugins: a plugin that is off unless enabled by name.
   * A third-party plugin is on once its module is loaded, unless it says so.
   */
  readonly defaultOff?: boolean;
  /** The plugin for this server; `config` is its entry of the AdmissionConfiguration file, if any. */
  newPlugin(config: unknown): AdmissionInterface | Promise<AdmissionInterface>;
}

/** @deprecated The name plugins bound with before ServiceKeys (the same symbol); use AdmissionPluginKey. */
export const AdmissionPlugin = AdmissionPluginKey;
