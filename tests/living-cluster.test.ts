import { startEtcd } from '@kapi/storage-etcd';
import { componentsHealthyScenario, securePortsScenario } from './cluster/component-scenarios';
import { deploymentScenario } from './cluster/deployment-scenarios';
import { gracefulDeletionScenario, kubernetesServiceBack, kubernetesServiceDeleted, namespaceDeletionScenario, resourceQuotaScenario } from './cluster/lifecycle-scenarios';
import { cronJobCreated, cronJobRan, workloadScenarios } from './cluster/workload-scenarios';
import { startLivingCluster, type LivingCluster } from './support/living-cluster';

/**
 * A whole cluster on each storage backend: `kapi server`, the real kube-controller-manager and
 * kube-scheduler, and kwok's simulated nodes (docs/living-cluster.md). One cluster per backend runs
 * every scenario in turn — starting one costs more than most scenarios — and the scenarios keep to
 * names and namespaces of their own. The two waits on a clock (the CronJob's next minute, the
 * kubernetes service controller's next pass) start first and are checked last.
 */
function livingCluster(backend: string, storage: () => Promise<{ args: string[]; stop?: () => Promise<void> }>): void {
  describe(`living cluster on the ${backend} backend`, function () {
    this.timeout(180_000);
    let cluster: LivingCluster | undefined;
    let stopStorage: (() => Promise<void>) | undefined;
    const c = () => cluster!;
    const kubernetesClusterIP: { value?: string } = {};

    before(async function () {
      this.timeout(900_000); // the first run builds the components (cached afterwards)
      const s = await storage();
      stopStorage = s.stop;
      cluster = await startLivingCluster({ storageArgs: s.args, nodes: 3 });
    });

    after(async () => {
      await cluster?.stop();
      await stopStorage?.();
    });

    cronJobCreated(c);
    kubernetesServiceDeleted(c, kubernetesClusterIP);
    deploymentScenario(c);
    workloadScenarios(c);
    gracefulDeletionScenario(c);
    resourceQuotaScenario(c);
    namespaceDeletionScenario(c);
    securePortsScenario(c);
    kubernetesServiceBack(c, kubernetesClusterIP);
    cronJobRan(c);
    componentsHealthyScenario(c);
  });
}

livingCluster('embedded', async () => ({ args: ['--storage-backend', 'embedded'] }));
livingCluster('etcd', async () => {
  const etcd = await startEtcd();
  return { args: ['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint], stop: () => etcd.stop() };
});
