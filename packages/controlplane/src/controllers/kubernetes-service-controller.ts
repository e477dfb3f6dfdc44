import { reconcileKubernetesEndpointSlice } from '../kubernetes-endpointslice';
import type { ControllerContext, InProcessController } from './controller-context';

/** The post-start hook the legacy group registers: it creates the `kubernetes` Service and writes its Endpoints. */
const kubernetesServiceHook = 'bootstrap-controller-kubernetes-service';

/**
 * kube-apiserver's kubernetes service controller (pkg/controlplane/controller/kubernetesservice):
 * the reconcile its post-start hooks run once is repeated every interval, so a deleted `kubernetes`
 * Service, Endpoints or EndpointSlice in `default` comes back, as in every kube-apiserver instance.
 */
export class KubernetesServiceController implements InProcessController {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly ctx: ControllerContext) {}

  start(): void {
    this.timer = setInterval(() => void this.reconcile(), this.ctx.timings.kubernetesServiceIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; errors wait for the next tick (storage briefly unavailable is no reason to stop). */
  async reconcile(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const h of this.ctx.server.postStartHooks()) if (h.name === kubernetesServiceHook) await h.hook();
      await reconcileKubernetesEndpointSlice(this.ctx.groups);
    } catch {
      // Retried next interval.
    } finally {
      this.running = false;
    }
  }
}
