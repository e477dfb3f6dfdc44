import { field, newInternalError, newInvalid, Path, type KObject, type J } from '@kapi/apiserver-core';
import { AllocatorError } from '../allocator/range-allocation';
import type { IPAllocator } from '../allocator/ip-allocator';
import type { PortAllocator } from '../allocator/port-allocator';
import { needsNodePorts } from './defaults';

const serviceKind = { group: '', kind: 'Service' };

/** Undo steps of an allocation, run when the write that needed it fails. */
type Undo = () => Promise<void>;

/**
 * The IP and port allocation of the service REST (pkg/registry/core/service/storage/alloc.go):
 * allocate before a create or update is stored, release on failure and on delete.
 */
export class ServiceAllocations {
  constructor(
    /** Primary family first; a second one on a dual-stack cluster. */
    readonly ipAllocators: IPAllocator[],
    readonly nodePorts: PortAllocator,
  ) {}

  get families(): string[] {
    return this.ipAllocators.map((a) => a.family);
  }

  private allocatorFor(family: string): IPAllocator | undefined {
    return this.ipAllocators.find((a) => a.family === family);
  }

  /** Fills spec.clusterIP(s) for every family the service asks for; returns how to undo it. */
  async allocateClusterIPs(svc: KObject, undo: Undo[]): Promise<void> {
    const spec = (svc.spec ?? {}) as J;
    if (spec.type === 'ExternalName' || spec.clusterIP === 'None') return;
    const families: string[] = spec.ipFamilies ?? [this.families[0]];
    const ips: string[] = [...(spec.clusterIPs ?? [])];
    for (let i = 0; i < families.length; i++) {
      const alloc = this.allocatorFor(families[i]);
      if (!alloc) {
        if (spec.ipFamilyPolicy === 'RequireDualStack' || i === 0) {
          throw newInvalid(serviceKind, svc.metadata?.name ?? '', [field.invalid(Path.root('spec').child('ipFamilies').index(i), families[i], 'not configured on this cluster')]);
        }
        continue;
      }
      const wanted = ips[i];
      try {
        if (wanted) await alloc.allocate(wanted);
        else ips[i] = await alloc.allocateNext();
      } catch (err) {
        if (err instanceof AllocatorError && err.code === 'Full') throw newInternalError(new Error(`failed to allocate a serviceIP: ${err.message}`));
        if (err instanceof AllocatorError) {
          throw newInvalid(serviceKind, svc.metadata?.name ?? '', [
            field.invalid(Path.root('spec').child('clusterIPs'), spec.clusterIPs ?? [], `failed to allocate IP ${wanted}: ${err.message}`),
          ]);
        }
        throw err;
      }
      const ip = ips[i];
      undo.push(() => alloc.release(ip));
    }
    spec.clusterIPs = ips.slice(0, families.length);
    spec.clusterIP = spec.clusterIPs[0];
  }

  /** One node port, wanted or any; allocator errors become the Status kube-apiserver answers. */
  private async allocatePort(svc: KObject, wanted: number | undefined, path: Path): Promise<number> {
    try {
      if (!wanted) return await this.nodePorts.allocateNext();
      await this.nodePorts.allocate(wanted);
      return wanted;
    } catch (err) {
      if (err instanceof AllocatorError && err.code === 'Full') throw newInternalError(new Error(`failed to allocate a nodePort: ${err.message}`));
      if (err instanceof AllocatorError) throw newInvalid(serviceKind, svc.metadata?.name ?? '', [field.invalid(path, wanted, err.message)]);
      throw err;
    }
  }

  /** Gives every port of a NodePort/LoadBalancer service a node port (and a health check port for Local traffic). */
  async allocateNodePorts(svc: KObject, undo: Undo[], keep: Set<number> = new Set()): Promise<void> {
    const spec = (svc.spec ?? {}) as J;
    if (!needsNodePorts(spec.type)) return;
    const taken = new Set<number>(keep);
    const take = async (wanted: number | undefined, path: Path): Promise<number> => {
      const port = await this.allocatePort(svc, wanted, path);
      taken.add(port);
      undo.push(() => this.nodePorts.release(port));
      return port;
    };
    if (spec.type !== 'LoadBalancer' || spec.allocateLoadBalancerNodePorts !== false) {
      const ports: J[] = spec.ports ?? [];
      for (let i = 0; i < ports.length; i++) {
        const p = ports[i];
        // One port number served over several protocols shares its node port.
        const same = p.nodePort ? undefined : ports.find((q, j) => j < i && q.port === p.port && q.nodePort);
        if (same) p.nodePort = same.nodePort;
        else if (!p.nodePort || !taken.has(p.nodePort)) p.nodePort = await take(p.nodePort, Path.root('spec').child('ports').index(i).child('nodePort'));
      }
    }
    if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !(spec.healthCheckNodePort && keep.has(spec.healthCheckNodePort))) {
      spec.healthCheckNodePort = await take(spec.healthCheckNodePort, Path.root('spec').child('healthCheckNodePort'));
    }
  }

  /** Everything a stored service holds, released after it is deleted (or replaced on update). */
  async release(ips: string[], ports: number[]): Promise<void> {
    for (const ip of ips) {
      if (ip === 'None') continue;
      for (const a of this.ipAllocators) if (a.offsetOf(ip) !== undefined) await a.release(ip);
    }
    for (const p of ports) await this.nodePorts.release(p);
  }
}

export function clusterIPsOf(svc: KObject): string[] {
  const spec = (svc.spec ?? {}) as J;
  return spec.type === 'ExternalName' ? [] : ((spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) as string[]);
}

export function nodePortsOf(svc: KObject): number[] {
  const spec = (svc.spec ?? {}) as J;
  const out = new Set<number>();
  for (const p of (spec.ports ?? []) as J[]) if (p.nodePort) out.add(p.nodePort);
  if (spec.healthCheckNodePort) out.add(spec.healthCheckNodePort);
  return [...out];
}

export async function runUndo(undo: Undo[]): Promise<void> {
  for (const u of undo.reverse()) await u().catch(() => undefined);
}
