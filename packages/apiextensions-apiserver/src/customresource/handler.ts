import Router from '@koa/router';
import type { Middleware } from 'koa';
import {
  APIInstaller,
  APPLY_PATCH,
  type AdmissionInterface,
  newMethodNotSupported,
  schemaValidation,
  writeError,
  type APIResource,
  type DiscoveryState,
  type APIGroupInfo,
  type JSONSchemaProps,
  type SchemaRegistry,
} from '@kapi/apiserver-core';
import { compareKubeAwareVersions, isCRDConditionTrue, servedVersions } from '../apis/helpers';
import type { CustomResourceDefinition } from '../apis/types';
import { customResourceSchema } from './openapi';
import { newCustomResourceStorage, type CustomResourceStorage, type CustomResourceStorageOptions } from './storage';

/** Custom resources take JSON and merge patches and server-side apply; strategic merge patch is 415, as in kube. */
export const customResourcePatchTypes = ['application/json-patch+json', 'application/merge-patch+json', APPLY_PATCH];

/** What is served for one established CRD (crdInfo). */
interface ServingInfo {
  crd: CustomResourceDefinition;
  /** The parts of the CRD that shape serving; a change rebuilds the storage and the routes. */
  key: string;
  storage: CustomResourceStorage;
  /** The routes of every served version, as one middleware. */
  routes: Middleware;
  /** version → the discovery rows of this CRD in it. */
  resources: Map<string, APIResource[]>;
}

export interface CustomResourceHandlerOptions extends CustomResourceStorageOptions {
  discovery: DiscoveryState;
  schemas: SchemaRegistry;
  maxRequestBodyBytes: number;
  minRequestTimeoutSeconds?: number;
  /** What built-in or plugin groups serve in a group a CRD also uses: discovery lists both. */
  builtinVersions(group: string): Map<string, APIResource[]> | undefined;
  /** The server's admission chain, as its link has it when a CRD's routes are installed (custom resources are admitted like built-in ones). */
  admission(): AdmissionInterface | undefined;
}

/** A version without a schema (only possible for CRDs stored before schemas were required) keeps every field. */
const preserveUnknown: JSONSchemaProps = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const servingKey = (crd: CustomResourceDefinition) => JSON.stringify([crd.metadata?.uid, crd.spec, crd.status?.acceptedNames]);

/**
 * crdHandler: serves /apis/<group>/<version>/... of every established CRD, and publishes their
 * group-versions in discovery and OpenAPI. Routes appear when a CRD is Established and go when it
 * is deleted (or stops being served), while the server runs; a request for anything else passes on.
 */
export class CustomResourceHandler {
  private readonly serving = new Map<string, ServingInfo>();

  constructor(private readonly opts: CustomResourceHandlerOptions) {}

  /** The NotFoundHandler of the apiextensions server's mux: custom resource requests, or next. */
  middleware(): Middleware {
    return async (ctx, next) => {
      const m = /^\/apis\/([^/]+)\//.exec(ctx.path);
      const infos = m ? [...this.serving.values()].filter((s) => s.crd.spec.group === m[1]) : [];
      const run = async (i: number): Promise<void> => {
        if (i >= infos.length) return next();
        const info = infos[i];
        if (ctx.method === 'POST' && isCRDConditionTrue(info.crd, 'Terminating') && this.isCollectionOf(info, ctx.path)) {
          const err = newMethodNotSupported({ group: info.crd.spec.group, resource: info.crd.spec.names.plural }, 'create');
          err.message = 'create not allowed while custom resource definition is terminating';
          writeError(ctx, err);
          return;
        }
        await info.routes(ctx, () => run(i + 1));
      };
      await run(0);
    };
  }

  private isCollectionOf(info: ServingInfo, path: string): boolean {
    return path.endsWith(`/${info.crd.spec.names.plural}`);
  }

  /** The storage of a CRD being served (the finalizer controller deletes its objects through it). */
  storageOf(name: string): CustomResourceStorage | undefined {
    return this.serving.get(name)?.storage;
  }

  /** Serves the CRD as it now is: installs, rebuilds or keeps its routes; an unestablished CRD is not served. */
  async update(crd: CustomResourceDefinition): Promise<void> {
    const name = crd.metadata!.name!;
    const current = this.serving.get(name);
    if (!isCRDConditionTrue(crd, 'Established')) {
      if (current && !isCRDConditionTrue(crd, 'Terminating')) await this.remove(name);
      return;
    }
    if (current && current.key === servingKey(crd)) {
      current.crd = crd;
      return;
    }
    if (current) await this.remove(name);
    this.install(crd);
  }

  /** Stops serving the CRD (deleted): its routes, discovery rows and schemas go, its storage is destroyed. */
  async remove(name: string): Promise<void> {
    const info = this.serving.get(name);
    if (!info) return;
    this.serving.delete(name);
    // Its schemas stay registered but unpublished: OpenAPI documents only the served operations' definitions.
    for (const [version, rows] of info.resources) {
      for (const r of rows) this.opts.discovery.setPatchTypes({ group: info.crd.spec.group, version }, r.name, undefined);
    }
    this.publish(info.crd.spec.group);
    await info.storage.destroy();
  }

  private install(crd: CustomResourceDefinition): void {
    const { group } = crd.spec;
    const schemas = Object.fromEntries(crd.spec.versions.map((v) => [v.name, schemaValidation(v.schema?.openAPIV3Schema ?? preserveUnknown)]));
    const storage = newCustomResourceStorage(crd, this.opts, schemas);
    const router = new Router();
    const resources = new Map<string, APIResource[]>();
    for (const v of servedVersions(crd)) {
      this.opts.schemas.add(customResourceSchema(crd, v));
      const rows = new APIInstaller(router, `/apis/${group}`, { group, version: v.name }, storage.versions[v.name], {
        maxRequestBodyBytes: this.opts.maxRequestBodyBytes,
        minRequestTimeoutSeconds: this.opts.minRequestTimeoutSeconds,
        schemas: this.opts.schemas,
        patchTypes: customResourcePatchTypes,
        structural: (path) => (path.endsWith('/scale') ? undefined : schemas[v.name]),
        admission: this.opts.admission(),
      }).install();
      resources.set(v.name, rows);
      // OpenAPI lists the patch types PATCH accepts: kubectl apply and diff send strategic merge patches only where it says so.
      for (const r of rows) this.opts.discovery.setPatchTypes({ group, version: v.name }, r.name, customResourcePatchTypes);
    }
    this.serving.set(crd.metadata!.name!, { crd, key: servingKey(crd), storage, routes: router.routes() as Middleware, resources });
    this.publish(group);
  }

  /** The group's discovery: every served version of its CRDs, kube-aware order, the first preferred. */
  private publish(group: string): void {
    const byVersion = new Map<string, APIResource[]>(this.opts.builtinVersions(group));
    for (const info of this.serving.values()) {
      if (info.crd.spec.group !== group) continue;
      for (const [v, rows] of info.resources) byVersion.set(v, [...(byVersion.get(v) ?? []), ...rows]);
    }
    const versions = [...byVersion.entries()].sort(([a], [b]) => compareKubeAwareVersions(a, b));
    this.opts.discovery.setGroupVersions(group, versions);
  }

  /**
   * The served custom resources as API groups (every CRD of a group merged), for the controllers that
   * walk all resources — the namespace controller deletes a deleted namespace's custom resources too.
   */
  groupInfos(): Map<string, APIGroupInfo> {
    const out = new Map<string, APIGroupInfo>();
    for (const info of this.serving.values()) {
      const { group } = info.crd.spec;
      const g = out.get(group) ?? { prioritizedVersions: [], versionedResourcesStorageMap: {} };
      for (const [version, map] of Object.entries(info.storage.versions)) {
        if (!g.versionedResourcesStorageMap[version]) {
          g.prioritizedVersions.push({ group, version });
          g.versionedResourcesStorageMap[version] = {};
        }
        Object.assign(g.versionedResourcesStorageMap[version], map);
      }
      out.set(group, g);
    }
    return out;
  }

  async destroy(): Promise<void> {
    for (const name of [...this.serving.keys()]) await this.remove(name);
  }
}
