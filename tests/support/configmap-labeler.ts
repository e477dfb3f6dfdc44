import type { ClientNode, KubeConfig } from '@kapi/testing';

/** The label the controller puts on every ConfigMap it has seen. */
export const seenLabel = 'labeler.example.com/seen';

type ConfigMap = InstanceType<ClientNode['V1ConfigMap']>;

/**
 * The controller the testing-kit example tests: a client-node informer on one namespace's
 * ConfigMaps; each one without the label gets it (a merge patch) and an Event says so. Errors are
 * handled as controllers must: a 429 waits its Retry-After, other failures back off and retry, and
 * an informer whose watch failed is started again (it re-lists).
 */
export class ConfigMapLabeler {
  private informer?: ReturnType<ClientNode['makeInformer']>;
  private stopped = false;
  readonly retries: number[] = [];

  constructor(
    private readonly k8s: ClientNode,
    private readonly kc: KubeConfig,
    private readonly namespace: string,
  ) {}

  async start(): Promise<void> {
    const core = this.kc.makeApiClient(this.k8s.CoreV1Api);
    const informer = this.k8s.makeInformer<ConfigMap>(this.kc, `/api/v1/namespaces/${this.namespace}/configmaps`, () =>
      core.listNamespacedConfigMap({ namespace: this.namespace }),
    );
    informer.on('add', (cm) => void this.reconcile(cm));
    informer.on('update', (cm) => void this.reconcile(cm));
    // client-node's informer stops on a failed watch; start it again, as its README advises.
    informer.on('error', () => setTimeout(() => void (this.stopped || informer.start().catch(() => undefined)), 50));
    this.informer = informer;
    await informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.informer?.stop();
  }

  private async reconcile(cm: ConfigMap, attempt = 0): Promise<void> {
    const name = cm.metadata?.name ?? '';
    if (this.stopped || cm.metadata?.labels?.[seenLabel]) return;
    const core = this.kc.makeApiClient(this.k8s.CoreV1Api);
    try {
      await core.patchNamespacedConfigMap(
        { name, namespace: this.namespace, body: { metadata: { labels: { [seenLabel]: 'true' } } } },
        this.k8s.setHeaderOptions('Content-Type', this.k8s.PatchStrategy.MergePatch),
      );
      await core.createNamespacedEvent({
        namespace: this.namespace,
        body: {
          metadata: { generateName: `${name}-` },
          involvedObject: { kind: 'ConfigMap', namespace: this.namespace, name, uid: cm.metadata?.uid },
          reason: 'Labeled',
          message: `labeled ${seenLabel}`,
          type: 'Normal',
          source: { component: 'configmap-labeler' },
        },
      });
    } catch (err) {
      const e = err as { code?: number; headers?: Record<string, string> };
      if (e.code === 404 || attempt >= 10) return;
      const retryAfter = Number(e.headers?.['retry-after'] ?? 0);
      const waitMs = e.code === 429 && retryAfter > 0 ? retryAfter * 1000 : 50 * 2 ** attempt;
      this.retries.push(e.code ?? 0);
      setTimeout(() => void this.reconcile(cm, attempt + 1), waitMs);
    }
  }
}
