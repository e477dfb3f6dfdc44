import type { APIGroupInfo } from '@kapi/apiserver-core';
import { ensureFlowControlConfiguration } from './ensure';

const flowcontrolGroup = 'flowcontrol.apiserver.k8s.io';
/** kube's producer re-ensures the bootstrap configuration once a minute after its first pass. */
const defaultIntervalMs = 60_000;

/**
 * The periodic half of kube's APF configuration producer: a deleted suggested or mandatory object
 * comes back, a drifted auto-updated spec is put back, within a minute. The first pass is the
 * group's post-start hook, which the server waits for.
 */
export class FlowControlConfigurationProducer {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly groups: ReadonlyMap<string, APIGroupInfo>,
    private readonly intervalMs = defaultIntervalMs,
  ) {}

  start(): void {
    const v1 = this.groups.get(flowcontrolGroup)?.versionedResourcesStorageMap.v1;
    const flowSchemas = v1?.flowschemas;
    const priorityLevels = v1?.prioritylevelconfigurations;
    if (!flowSchemas || !priorityLevels) return;
    this.timer = setInterval(() => {
      // A slow pass is not overlapped by the next tick; a failed one is simply tried again then.
      if (this.running) return;
      this.running = true;
      ensureFlowControlConfiguration(flowSchemas, priorityLevels)
        .catch(() => undefined)
        .finally(() => (this.running = false));
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
