import {
  GenericAPIServer,
  newVersionedGroupInfo,
  type APIGroupInfo,
  type APIResource,
  type APIResourceConfigSource,
  type DelegationTarget,
  type GenericAPIServerOptions,
  type RESTOptionsGetter,
  type ServiceResolver,
} from '@kapi/apiserver-core';
import { GROUP } from './apis/types';
import { CRDControllers } from './controller/crd-controllers';
import type { UsedNames } from './controller/naming';
import { newNoneConverter } from './customresource/converter';
import { CustomResourceHandler } from './customresource/handler';
import { newWebhookConverter } from './customresource/webhook-converter';
import { customResourceDefinitionSchema } from './customresourcedefinition/schema';
import { newCustomResourceDefinitionStorage } from './customresourcedefinition/storage';

export interface APIExtensionsServerConfig {
  /** The generic server's options; discovery and schemas are the chain's shared ones. */
  genericConfig: GenericAPIServerOptions;
  restOptionsGetter: RESTOptionsGetter;
  apiResourceConfig: APIResourceConfigSource;
  /** How conversion webhooks referenced by service are reached (the admission webhooks' resolver). */
  serviceResolver?: () => ServiceResolver | undefined;
}

/**
 * CustomResourceDefinitions (apiextensions-apiserver's New): the apiextensions link of the server
 * chain — apiextensions.k8s.io/v1, the custom resource handler after its routes, and the naming,
 * establishing and finalizer controllers started as post-start hooks.
 */
export class CustomResourceDefinitions {
  readonly genericAPIServer: GenericAPIServer;
  readonly handler: CustomResourceHandler;
  private readonly controllers: CRDControllers;
  private readonly groupInfo: APIGroupInfo;
  /** What the other links serve, as discovery had it when the controllers started (before any CRD). */
  private builtin?: Map<string, Map<string, APIResource[]>>;

  constructor(config: APIExtensionsServerConfig) {
    const server = (this.genericAPIServer = new GenericAPIServer(config.genericConfig));
    const storage = newCustomResourceDefinitionStorage(config.restOptionsGetter);
    this.groupInfo = newVersionedGroupInfo(
      config.apiResourceConfig,
      { group: GROUP, version: 'v1' },
      {
        customresourcedefinitions: () => storage.customResourceDefinition,
        'customresourcedefinitions/status': () => storage.status,
      },
      config.restOptionsGetter,
      [customResourceDefinitionSchema()],
    );
    this.handler = new CustomResourceHandler({
      discovery: server.discovery,
      schemas: server.schemas,
      optsGetter: config.restOptionsGetter,
      converterFor: (crd) => (crd.spec.conversion?.strategy === 'Webhook' ? newWebhookConverter(crd, config.serviceResolver) : newNoneConverter(crd.spec.group)),
      maxRequestBodyBytes: config.genericConfig.maxRequestBodyBytes ?? 3 * 1024 * 1024,
      minRequestTimeoutSeconds: config.genericConfig.minRequestTimeoutSeconds,
      builtinVersions: (group) => this.builtin?.get(group),
      admission: () => server.admission,
    });
    server.handle(this.handler.middleware());
    this.controllers = new CRDControllers({
      crds: storage.customResourceDefinition,
      status: storage.status,
      handler: this.handler,
      builtinNames: (group) => this.builtinNames(group),
      onError: (crd, err) => server.logger.debug({ crd, err: (err as Error).message }, 'CustomResourceDefinition sync failed; retrying'),
    });
    server.addPostStartHook('start-apiextensions-controllers', async () => {
      this.builtin = snapshot(server.discovery.groups);
      // crd-informer-synced: the CRDs found in storage are served before the server reports ready.
      await this.controllers.start();
    });
    server.addPreShutdownHook('stop-apiextensions-controllers', () => this.controllers.stop());
  }

  /**
   * Installs apiextensions.k8s.io/v1. Called after the links in front installed theirs, so that
   * discovery lists it after the built-in groups, as kube-apiserver does.
   */
  installAPIs(): void {
    this.genericAPIServer.installAPIGroups(this.groupInfo);
  }

  private builtinNames(group: string): UsedNames | undefined {
    const versions = this.builtin?.get(group);
    if (!versions) return undefined;
    const used: UsedNames = { resources: new Set(), kinds: new Set() };
    for (const rows of versions.values()) {
      for (const r of rows) {
        for (const n of [r.name.split('/')[0], r.singularName, ...(r.shortNames ?? [])]) if (n) used.resources.add(n);
        used.kinds.add(r.kind).add(`${r.kind}List`);
      }
    }
    return used;
  }

  /** This link for the server in front of it; destroying it destroys the custom resources' storage too. */
  delegationTarget(): DelegationTarget {
    const server = this.genericAPIServer;
    return {
      ...server.delegationParts(),
      destroy: async () => {
        await this.handler.destroy();
        await server.destroy();
      },
    };
  }
}

function snapshot(groups: Map<string, Map<string, APIResource[]>>): Map<string, Map<string, APIResource[]>> {
  return new Map([...groups].map(([g, vs]) => [g, new Map([...vs].map(([v, rows]) => [v, [...rows]]))]));
}
