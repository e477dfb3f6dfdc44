import type { GroupResource } from '../runtime/object';
import type { Storage } from '../rest/interfaces';
import type { AdmissionInterface } from './interfaces';

/**
 * admission.PluginInitializer: hands a built plugin what it asked for by implementing a Wants*
 * interface, so a plugin's constructor needs nothing from the server.
 */
export type PluginInitializer = (plugin: AdmissionInterface) => void;

/** The server's REST storage for a resource, once installed (undefined when the group is not served). */
export type StorageLookup = (resource: GroupResource) => Storage | undefined;

/**
 * In kube a plugin reads through informers and a loopback client; in kapi it reads the installed
 * storage directly (kube's WantsExternalKubeInformerFactory + WantsExternalKubeClientSet in one).
 */
export interface WantsStorageLookup {
  setStorageLookup(lookup: StorageLookup): void;
}

export const wantsStorageLookup = (p: AdmissionInterface): p is AdmissionInterface & WantsStorageLookup =>
  typeof (p as Partial<WantsStorageLookup>).setStorageLookup === 'function';

export function storageLookupInitializer(lookup: StorageLookup): PluginInitializer {
  return (plugin) => {
    if (wantsStorageLookup(plugin)) plugin.setStorageLookup(lookup);
  };
}
