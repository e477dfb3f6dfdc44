import type { GroupResource } from '../../../runtime/object';
import { identityTransformer, type Transformer } from '../transformer';
import type { ResourceTransformers } from './config';

/**
 * encryptionconfig.DynamicTransformers: every store holds a transformer that looks up the
 * current configuration on each call, so --encryption-provider-config-automatic-reload swaps
 * keys without rebuilding a store. A resource the config stops naming goes back to identity.
 */
export class DynamicTransformers {
  constructor(private current: ResourceTransformers) {}

  get contentHash(): string {
    return this.current.contentHash;
  }

  get kmsProviders(): ResourceTransformers['kmsProviders'] {
    return this.current.kmsProviders;
  }

  /**
   * Swaps the providers. The replaced KMS connections close after a grace period (kube's
   * KMSCloseGracePeriod), so reads and writes already holding the old transformer finish.
   */
  set(next: ResourceTransformers, closeGracePeriodMs = 30_000): void {
    const old = this.current;
    this.current = next;
    if (old.kmsProviders.length === 0) return;
    setTimeout(() => old.kmsProviders.forEach((p) => p.close()), closeGracePeriodMs).unref();
  }

  transformerForResource(gr: GroupResource): Transformer {
    const resolve = () => this.current.transformerForResource(gr) ?? identityTransformer;
    return {
      transformFromStorage: (data, dataCtx) => resolve().transformFromStorage(data, dataCtx),
      transformToStorage: (data, dataCtx) => resolve().transformToStorage(data, dataCtx),
    };
  }
}
