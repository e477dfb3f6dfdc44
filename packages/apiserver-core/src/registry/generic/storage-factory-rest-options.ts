import type { GroupResource } from '../../runtime/object';
import type { StorageBackend } from '../../storage/factory';
import type { Config } from '../../storage/interfaces';
import type { Clock } from '../../util/clock';
import type { Transformer } from '../../storage/value/transformer';
import { undecoratedStorage, type RESTOptions, type RESTOptionsGetter, type StorageDecorator } from './options';

export interface StorageFactoryOptions {
  /** The shared storage config (--storage-backend, --etcd-prefix, …). */
  config: Config;
  backend: StorageBackend;
  /** Chooses the decorator per resource (StorageWithCacher when the watch cache is on). */
  decoratorFor?: (resource: GroupResource) => StorageDecorator;
  /** Overrides of the key prefix per resource, as kube-apiserver keeps some (services → services/specs). */
  resourcePrefixes?: Record<string, string>;
  /**
   * --enable-garbage-collector: orphan and foreground deletion become finalizers that a garbage
   * collector removes. Off unless one runs, or such deletions would never finish.
   */
  enableGarbageCollection?: boolean;
  /** The time graceful deletion stamps deletionTimestamp with (default the wall clock; the testing kit moves it). */
  clock?: Clock;
  /** --encryption-provider-config: the value transformer of each encrypted resource (others store plain values). */
  transformerFor?: (resource: GroupResource) => Transformer | undefined;
}

/** StorageFactoryRestOptionsFactory: the RESTOptionsGetter of kube-apiserver. */
export class StorageFactoryRestOptionsFactory implements RESTOptionsGetter {
  constructor(private readonly opts: StorageFactoryOptions) {}

  getRESTOptions(resource: GroupResource): RESTOptions {
    const key = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
    return {
      storageConfig: { ...this.opts.config, backend: this.opts.backend, groupResource: resource, transformer: this.opts.transformerFor?.(resource) },
      decorator: this.opts.decoratorFor?.(resource) ?? undecoratedStorage,
      enableGarbageCollection: this.opts.enableGarbageCollection ?? false,
      clock: this.opts.clock,
      deleteCollectionWorkers: 1,
      resourcePrefix: this.opts.resourcePrefixes?.[key] ?? defaultResourcePrefix(resource),
      countMetricPollPeriodMs: 60_000,
    };
  }
}

/** Built-in groups keep etcd keys by resource alone (/registry/deployments/…); others as CRDs do (/registry/<group>/<resource>). */
const builtinGroups = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'coordination.k8s.io',
  'events.k8s.io',
  'discovery.k8s.io',
]);

export function defaultResourcePrefix(resource: GroupResource): string {
  return builtinGroups.has(resource.group) ? resource.resource : `${resource.group}/${resource.resource}`;
}
