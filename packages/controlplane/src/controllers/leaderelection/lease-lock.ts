import { isStatusError, type APIGroupInfo, type Creater, type Getter, type KObject, type Storage, type Updater } from '@kapi/apiserver-core';

/** The leader election record a coordination.k8s.io/v1 Lease holds (client-go's LeaderElectionRecord). */
export interface LeaderElectionRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions: number;
}

/** A Lease as this lock reads it: the record plus the resourceVersion an update must match. */
export interface ObservedLease {
  record: LeaderElectionRecord;
  lease: KObject;
}

type LeaseStorage = Storage & Getter & Creater & Updater;

/** metav1.MicroTime: RFC 3339 with microseconds, as the Lease's times serialize. */
export function microTime(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * resourcelock.LeaseLock: the leader election record kept in one Lease, read and written through
 * the in-process leases storage. An update carries the resourceVersion read, so two candidates
 * racing for the same Lease cannot both win: the loser gets a 409 and tries again next period.
 */
export class LeaseLock {
  constructor(
    private readonly groups: ReadonlyMap<string, APIGroupInfo>,
    readonly namespace: string,
    readonly name: string,
  ) {}

  private storage(): LeaseStorage | undefined {
    return this.groups.get('coordination.k8s.io')?.versionedResourcesStorageMap.v1?.leases as LeaseStorage | undefined;
  }

  /** The Lease and its record, or undefined when there is none. */
  async get(): Promise<ObservedLease | undefined> {
    const leases = this.requireStorage();
    try {
      const lease = await leases.get({ namespace: this.namespace }, this.name, {});
      return { lease, record: recordOf(lease) };
    } catch (err) {
      if (isStatusError(err) && err.code === 404) return undefined;
      throw err;
    }
  }

  async create(record: LeaderElectionRecord): Promise<ObservedLease> {
    const lease = await this.requireStorage().create(
      { namespace: this.namespace },
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.name, namespace: this.namespace },
        spec: specOf(record),
      },
      undefined,
      {},
    );
    return { lease, record: recordOf(lease) };
  }

  /** Writes the record over the observed Lease; a 409 means someone else wrote first. */
  async update(observed: KObject, record: LeaderElectionRecord): Promise<ObservedLease> {
    const next: KObject = { ...structuredClone(observed), spec: { ...(observed.spec as object), ...specOf(record) } };
    const { obj } = await this.requireStorage().update(
      { namespace: this.namespace },
      this.name,
      {
        preconditions: () => undefined,
        updatedObject: async () => next,
      },
      undefined,
      undefined,
      false,
      {},
    );
    return { lease: obj, record: recordOf(obj) };
  }

  private requireStorage(): LeaseStorage {
    const s = this.storage();
    if (!s) throw new Error('the coordination.k8s.io/v1 leases API is not served: leader election needs it');
    return s;
  }
}

function specOf(r: LeaderElectionRecord): Record<string, unknown> {
  return {
    holderIdentity: r.holderIdentity,
    leaseDurationSeconds: r.leaseDurationSeconds,
    acquireTime: r.acquireTime,
    renewTime: r.renewTime,
    leaseTransitions: r.leaseTransitions,
  };
}

function recordOf(lease: KObject): LeaderElectionRecord {
  const spec = (lease.spec ?? {}) as Partial<LeaderElectionRecord>;
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime,
    renewTime: spec.renewTime,
    leaseTransitions: spec.leaseTransitions ?? 0,
  };
}
