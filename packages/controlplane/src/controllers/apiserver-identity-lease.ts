import { createHash, randomUUID } from 'node:crypto';
import {
  FieldSelector,
  isCreater,
  isGetter,
  isGracefulDeleter,
  isLister,
  isStatusError,
  isUpdater,
  parseLabelSelector,
  type Creater,
  type Getter,
  type GracefulDeleter,
  type KObject,
  type Lister,
  type Storage,
  type Updater,
} from '@kapi/apiserver-core';
import type { ControllerContext, InProcessController } from './controller-context';
import { microTime } from './leaderelection/lease-lock';

/** The label kube-apiserver puts on its identity Leases, and what the lease GC selects on. */
export const identityLeaseLabel = 'apiserver.kubernetes.io/identity';
const identityLeaseLabelValue = 'kube-apiserver';

type Leases = Storage & Getter & Creater & Updater & Lister & GracefulDeleter;

function leasesOf(ctx: ControllerContext): Leases | undefined {
  const s = ctx.groups.get('coordination.k8s.io')?.versionedResourcesStorageMap.v1?.leases;
  return s && isGetter(s) && isCreater(s) && isUpdater(s) && isLister(s) && isGracefulDeleter(s) ? (s as Leases) : undefined;
}

/**
 * The apiserver ID of k8s.io/apiserver 1.32 (server.NewConfig): "apiserver-" and the unpadded lower-case
 * base32 of the first 16 bytes of sha256 over the host name and "kube-apiserver", each prefixed with its
 * length as a big-endian uint16 (cryptobyte), so a kube-apiserver and an aggregated server on one host differ.
 */
export function apiServerID(hostname: string): string {
  const field = (text: string) => {
    const bytes = Buffer.from(text);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(bytes.length);
    return Buffer.concat([len, bytes]);
  };
  const hash = createHash('sha256')
    .update(Buffer.concat([field(hostname), field(identityLeaseLabelValue)]))
    .digest()
    .subarray(0, 16);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of hash) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return `apiserver-${out}`;
}

/**
 * kube-apiserver's identity Lease (start-kube-apiserver-identity-lease-controller): `apiserver-<hash>`
 * in kube-system, labelled with the identity and the host name, held by "<id>_<uuid>" and renewed every
 * interval, so clients (and the storage version machinery) can tell which apiservers are alive.
 */
export class APIServerIdentityLeaseController implements InProcessController {
  private timer?: NodeJS.Timeout;
  private readonly id: string;
  private readonly holder: string;

  constructor(private readonly ctx: ControllerContext) {
    this.id = apiServerID(ctx.hostname);
    this.holder = `${this.id}_${randomUUID()}`;
  }

  start(): void {
    void this.renew();
    this.timer = setInterval(() => void this.renew(), this.ctx.timings.identityLeaseRenewIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private desired(): KObject {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.id,
        namespace: 'kube-system',
        labels: { [identityLeaseLabel]: identityLeaseLabelValue, 'kubernetes.io/hostname': this.ctx.hostname },
      },
      spec: { holderIdentity: this.holder, leaseDurationSeconds: this.ctx.timings.identityLeaseDurationSeconds, renewTime: microTime() },
    };
  }

  /** The lease controller's sync: create the Lease, or renew it (holder and duration set back to this server's). */
  private async renew(): Promise<void> {
    const leases = leasesOf(this.ctx);
    if (!leases) return;
    const ctx = { namespace: 'kube-system' };
    const want = this.desired();
    try {
      await leases
        .update(
          ctx,
          this.id,
          {
            preconditions: () => undefined,
            updatedObject: async (_c, old) =>
              old
                ? {
                    ...structuredClone(old),
                    metadata: { ...old.metadata, labels: { ...old.metadata?.labels, ...want.metadata!.labels } },
                    spec: { ...(old.spec as object), ...(want.spec as object) },
                  }
                : want,
          },
          undefined,
          undefined,
          false,
          {},
        )
        .catch(async (err) => {
          if (!(isStatusError(err) && err.code === 404)) throw err;
          await leases.create(ctx, want, undefined, {});
        });
    } catch {
      // Retried next interval.
    }
  }
}

/**
 * kube-apiserver-identity-lease-garbage-collector (pkg/controlplane/apiserver/apiserverleasegc):
 * identity Leases in kube-system not renewed within their duration belong to apiservers that are
 * gone, and are deleted (with the resourceVersion read, so a renewal in between wins).
 */
export class APIServerIdentityLeaseGarbageCollector implements InProcessController {
  private timer?: NodeJS.Timeout;

  constructor(private readonly ctx: ControllerContext) {}

  start(): void {
    const period = Math.max(1000, this.ctx.timings.identityLeaseDurationSeconds * 1000);
    this.timer = setInterval(() => void this.collect(), period);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async collect(): Promise<void> {
    const leases = leasesOf(this.ctx);
    if (!leases) return;
    const ctx = { namespace: 'kube-system' };
    try {
      const list = await leases.list(ctx, { labelSelector: parseLabelSelector(`${identityLeaseLabel}=${identityLeaseLabelValue}`), fieldSelector: FieldSelector.everything() });
      for (const lease of list.items) {
        const spec = (lease.spec ?? {}) as { renewTime?: string; leaseDurationSeconds?: number };
        const renewed = spec.renewTime ? Date.parse(spec.renewTime) : 0;
        if (renewed + (spec.leaseDurationSeconds ?? 0) * 1000 > Date.now()) continue;
        await leases
          .delete(ctx, lease.metadata!.name!, undefined, { preconditions: { uid: lease.metadata?.uid, resourceVersion: lease.metadata?.resourceVersion } })
          .catch((err) => {
            if (!(isStatusError(err) && (err.code === 404 || err.code === 409))) throw err;
          });
      }
    } catch {
      // Retried next period.
    }
  }
}
