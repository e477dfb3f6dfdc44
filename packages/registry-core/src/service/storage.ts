import {
  isDryRun,
  isStatusError,
  Store,
  type Getter,
  type GracefulDeleter,
  type KObject,
  type RequestContext,
  type RESTOptionsGetter,
  type StorageInterface,
} from '@kapi/apiserver-core';
import { IPAllocator } from '../allocator/ip-allocator';
import { PortAllocator } from '../allocator/port-allocator';
import { StatusREST } from '@kapi/apiserver-core';
import { clusterIPsOf, nodePortsOf, runUndo, ServiceAllocations } from './allocation';
import { ServiceProxyREST } from './proxy';
import { serviceAttrs, ServiceStatusStrategy, ServiceStrategy } from './strategy';
import { serviceTable } from './table';

export class ServiceREST extends Store {
  shortNames(): string[] {
    return ['svc'];
  }
  categories(): string[] {
    return ['all'];
  }
}

export interface ServiceStorageOptions {
  /** --service-cluster-ip-range: "10.0.0.0/24" or "10.0.0.0/24,fd00::/108". */
  clusterIPRange: string;
  /** --service-node-port-range. */
  nodePortRange: string;
  /** The endpoints storage: a service's endpoints go with it, and services/proxy reads them. */
  endpoints: GracefulDeleter & { get: Store['get'] };
  /** The pods storage: services/proxy only goes to an endpoint address that is one of its pods' IPs. */
  pods: Getter;
}

export interface ServiceStorage {
  service: ServiceREST;
  status: StatusREST;
  proxy: ServiceProxyREST;
  allocations: ServiceAllocations;
}

/** The allocators' storage (serviceallocator.NewEtcd): bitmaps at /ranges/serviceips, /ranges/servicenodeports. */
function rangeStorage(optsGetter: RESTOptionsGetter, resource: string): StorageInterface {
  const opts = optsGetter.getRESTOptions({ group: '', resource });
  return opts.storageConfig.backend.create({ ...opts.storageConfig, newFunc: () => ({ apiVersion: 'v1', kind: 'RangeAllocation' }) });
}

export function newServiceAllocations(optsGetter: RESTOptionsGetter, clusterIPRange: string, nodePortRange: string): ServiceAllocations {
  const ipStorage = rangeStorage(optsGetter, 'serviceipallocations');
  const cidrs = clusterIPRange
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (cidrs.length === 0 || cidrs.length > 2) throw new Error(`--service-cluster-ip-range must hold one or two CIDRs, got ${JSON.stringify(clusterIPRange)}`);
  const ipAllocators = cidrs.map((c, i) => new IPAllocator(ipStorage, i === 0 ? '/ranges/serviceips' : '/ranges/secondaryserviceips', c));
  if (ipAllocators.length === 2 && ipAllocators[0].family === ipAllocators[1].family) {
    throw new Error('--service-cluster-ip-range: a dual-stack range needs one IPv4 and one IPv6 CIDR');
  }
  const ports = new PortAllocator(rangeStorage(optsGetter, 'servicenodeportallocations'), '/ranges/servicenodeports', nodePortRange);
  return new ServiceAllocations(ipAllocators, ports);
}

/**
 * Service storage (pkg/registry/core/service/storage): the generic Store plus allocation hooks —
 * IPs and node ports are taken before the object is stored and given back when the write fails,
 * when an update drops them, and when the service is deleted (its endpoints go with it).
 */
export function newServiceStorage(optsGetter: RESTOptionsGetter, opts: ServiceStorageOptions): ServiceStorage {
  const allocations = newServiceAllocations(optsGetter, opts.clusterIPRange, opts.nodePortRange);
  const strategy = new ServiceStrategy(allocations.families);
  const resource = { group: '', resource: 'services' };
  const service = new ServiceREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'Service' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'ServiceList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'service' },
    createStrategy: strategy,
    updateStrategy: strategy,
    deleteStrategy: strategy,
    tableConvertor: serviceTable,
    returnDeletedObject: true,
    // A dry run allocates too (so it reports the same conflicts) and always gives everything back.
    beginCreate: async (_ctx, obj, createOpts) => {
      const undo: (() => Promise<void>)[] = [];
      try {
        await allocations.allocateClusterIPs(obj, undo);
        await allocations.allocateNodePorts(obj, undo);
      } catch (err) {
        await runUndo(undo);
        throw err;
      }
      return async (ok) => {
        if (!ok || isDryRun(createOpts?.dryRun)) await runUndo(undo);
      };
    },
    beginUpdate: async (_ctx, obj, old, updateOpts) => {
      const undo: (() => Promise<void>)[] = [];
      try {
        if (clusterIPsOf(old).length === 0) await allocations.allocateClusterIPs(obj, undo);
        await allocations.allocateNodePorts(obj, undo, new Set(nodePortsOf(old)));
      } catch (err) {
        await runUndo(undo);
        throw err;
      }
      return async (ok) => {
        if (!ok || isDryRun(updateOpts?.dryRun)) return runUndo(undo);
        const keptIPs = new Set(clusterIPsOf(obj));
        const keptPorts = new Set(nodePortsOf(obj));
        await allocations.release(
          clusterIPsOf(old).filter((ip) => !keptIPs.has(ip)),
          nodePortsOf(old).filter((p) => !keptPorts.has(p)),
        );
      };
    },
    // The Store calls afterDelete only for real (not dry-run) deletions.
    afterDelete: async (ctx: RequestContext, obj: KObject) => {
      await allocations.release(clusterIPsOf(obj), nodePortsOf(obj));
      await opts.endpoints.delete({ ...ctx, namespace: obj.metadata?.namespace }, obj.metadata?.name ?? '', undefined, {}).catch((err) => {
        if (!(isStatusError(err) && err.code === 404)) throw err;
      });
    },
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource), attrFunc: serviceAttrs });
  return {
    service,
    status: new StatusREST(service.withStrategies({ updateStrategy: new ServiceStatusStrategy(allocations.families) })),
    proxy: new ServiceProxyREST(service, opts.endpoints, opts.pods),
    allocations,
  };
}
