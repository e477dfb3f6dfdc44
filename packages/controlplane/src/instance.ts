import { inject, injectable, multiInject, optional } from 'inversify';
import {
  APIResourceConfigSourceKey,
  GenericAPIServer,
  GenericAPIServerKey,
  groupNameOf,
  type RESTOptionsGetter,
  type RESTStorageProvider,
  type APIGroupInfo,
  type APIResourceConfigSource,
  RESTStorageProviderKey,
  RESTOptionsGetterKey,
} from '@kapi/apiserver-core';

/**
 * controlplane.Instance: resolves every RESTStorageProvider bound in the container, hands each the
 * injected RESTOptionsGetter, and installs the legacy group at /api and the named groups at /apis.
 */
@injectable()
export class Instance {
  /** What was installed, by group name ("" for the legacy group). */
  readonly groups = new Map<string, APIGroupInfo>();

  constructor(
    @multiInject(RESTStorageProviderKey) @optional() private readonly providers: RESTStorageProvider[] = [],
    @inject(RESTOptionsGetterKey) private readonly restOptionsGetter: RESTOptionsGetter,
    @inject(APIResourceConfigSourceKey) private readonly apiResourceConfigSource: APIResourceConfigSource,
    @inject(GenericAPIServerKey) readonly genericAPIServer: GenericAPIServer,
  ) {}

  async installAPIs(): Promise<void> {
    const legacy = this.providers.filter((p) => p.groupName === '');
    const named = this.providers.filter((p) => p.groupName !== '');
    const installed = new Map<RESTStorageProvider, APIGroupInfo>();
    for (const p of legacy) {
      const info = await this.installLegacyAPI(p);
      if (info) installed.set(p, info);
    }
    for (const p of named) {
      const info = await this.newGroupInfo(p);
      if (!info) continue;
      this.remember(p.groupName, info);
      installed.set(p, info);
    }
    this.genericAPIServer.installAPIGroups(...named.flatMap((p) => installed.get(p) ?? []));
    // Hooks in provider order; a group's storage hooks come with the info installed in this server.
    for (const p of this.providers) {
      for (const h of [...(p.postStartHooks?.() ?? []), ...(installed.get(p)?.postStartHooks ?? [])]) this.genericAPIServer.addPostStartHook(h.name, h.hook);
    }
    for (const p of this.providers) for (const h of p.preShutdownHooks?.() ?? []) this.genericAPIServer.addPreShutdownHook(h.name, h.hook);
  }

  /** InstallLegacyAPI: the core group at /api. */
  private async installLegacyAPI(provider: RESTStorageProvider): Promise<APIGroupInfo | undefined> {
    const info = await this.newGroupInfo(provider);
    if (!info) return undefined;
    this.remember('', info);
    this.genericAPIServer.installLegacyAPIGroup('/api', info);
    return info;
  }

  /** A provider's group info, or undefined when --runtime-config left it empty (the installer skips empty groups). */
  private async newGroupInfo(provider: RESTStorageProvider): Promise<APIGroupInfo | undefined> {
    let info: APIGroupInfo;
    try {
      info = await provider.newRESTStorage(this.apiResourceConfigSource, this.restOptionsGetter);
    } catch (err) {
      throw new Error(`problem initializing API group ${JSON.stringify(provider.groupName || 'core')}: ${(err as Error).message}`);
    }
    if (groupNameOf(info) !== provider.groupName) {
      throw new Error(`RESTStorageProvider for group ${JSON.stringify(provider.groupName)} returned group ${JSON.stringify(groupNameOf(info))}`);
    }
    const empty = Object.values(info.versionedResourcesStorageMap).every((m) => Object.keys(m).length === 0);
    if (empty) return undefined;
    return info;
  }

  private remember(group: string, info: APIGroupInfo): void {
    if (this.groups.has(group)) throw new Error(`API group ${JSON.stringify(group || 'core')} is provided twice`);
    this.groups.set(group, info);
  }
}
