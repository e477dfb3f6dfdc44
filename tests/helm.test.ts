import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { repoRoot } from './support/kapi-process';
import { componentKubeconfig } from './support/kube-components';
import { kwokConfigCompletingRunOncePods } from './support/kwok-stages';
import { kubectl, startLivingCluster, type LivingCluster } from './support/living-cluster';

/**
 * The Helm v4 client (built from the Go module proxy, scripts/ensure-helm.sh) drives a release of
 * a chart written for this test (tests/helm/charts/storefront: Deployment, Service, ConfigMap,
 * Secret, ServiceAccount + Role/RoleBinding, a CRD in crds/ and a CR of it, a pre-install hook Job,
 * a test hook Pod) through its whole life against `kapi server`, in a living cluster: the real
 * kube-controller-manager and kube-scheduler and kwok's simulated nodes, so `--wait` has something
 * to wait for (Deployments become available, the hook Job completes) as on a real cluster.
 */

const chart = path.join(repoRoot, 'tests/helm/charts/storefront');
const release = 'shop';
const ns = 'storefront';
const full = `${release}-storefront`;

function helmBinary(): string {
  const out = execFileSync(path.join(repoRoot, 'scripts/ensure-helm.sh'), [], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 60 * 60_000,
  });
  return out.trim().split('\n').pop()!;
}

interface HelmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function helmScenario(storage: string, storageArgs: () => Promise<string[]>, cleanup: () => Promise<void>): void {
  describe(`helm v4 against kapi in a living cluster (${storage})`, function () {
    this.timeout(300_000);
    let cluster: LivingCluster;
    let helmBin: string;
    let kubeconfig: string;
    let home: string;

    /** helm with its own kubeconfig (an admin client certificate) and a scratch home (no repositories, no cache). */
    const run = (args: string[], timeoutMs = 180_000) =>
      new Promise<HelmResult>((resolve, reject) => {
        const proc = spawn(helmBin, [...args, '--kubeconfig', kubeconfig], {
          env: {
            PATH: process.env.PATH,
            HOME: home,
            HELM_CACHE_HOME: path.join(home, 'cache'),
            HELM_CONFIG_HOME: path.join(home, 'config'),
            HELM_DATA_HOME: path.join(home, 'data'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        proc.stdout.on('data', (d) => (stdout += d));
        proc.stderr.on('data', (d) => (stderr += d));
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
          reject(new Error(`helm ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
        }, timeoutMs);
        proc.on('error', reject);
        proc.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      });
    const helm = async (args: string[]) => {
      const r = await run(args);
      if (r.code !== 0) throw new Error(`helm ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
      return r.stdout;
    };
    const k = (args: string[]) => cluster.kubectl(['-n', ns, ...args]);
    const jsonpath = async (args: string[], expr: string) => (await k([...args, '-o', `jsonpath=${expr}`])).trim();
    const history = async () =>
      (JSON.parse(await helm(['history', release, '-n', ns, '-o', 'json'])) as Array<Record<string, unknown>>).map((r) => ({
        revision: r.revision,
        status: r.status,
        description: r.description,
      }));
    /** The release's running front-end pods that are not terminating: `name ready checksum` lines. */
    const pods = async () =>
      (
        await jsonpath(
          ['get', 'pods', '-l', `app.kubernetes.io/instance=${release},app.kubernetes.io/name=storefront`, '--field-selector=status.phase=Running'],
          '{range .items[*]}{.metadata.name} {.status.conditions[?(@.type=="Ready")].status} {.metadata.annotations[\'checksum/config\']} deleting={.metadata.deletionTimestamp}{"\\n"}{end}',
        )
      )
        .split('\n')
        .filter((l) => l.endsWith(' deleting='))
        .map((l) => l.slice(0, -' deleting='.length));
    const configChecksum = () => jsonpath(['get', 'deployment', full], "{.spec.template.metadata.annotations['checksum/config']}");

    before(async function () {
      this.timeout(60 * 60_000);
      helmBin = helmBinary();
      home = mkdtempSync(path.join(tmpdir(), 'helm-home-'));
      cluster = await startLivingCluster({ storageArgs: await storageArgs(), nodes: 2, kwokConfig: await kwokConfigCompletingRunOncePods() });
      kubeconfig = await componentKubeconfig(cluster.url, 'helm-admin', ['system:masters']);
    });
    after(async () => {
      await cluster?.stop();
      await cleanup();
      if (home) rmSync(home, { recursive: true, force: true });
    });

    it('helm install --wait: the CRD first, the pre-install Job completed before the rest, then every object, the Deployment available', async () => {
      const t0 = Date.now();
      const out = await helm(['install', release, chart, '-n', ns, '--create-namespace', '--wait', '--timeout', '150s']);
      console.log(`      (helm install --wait: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      expect(out)
        .to.match(/STATUS: deployed/)
        .and.to.match(/REVISION: 1/)
        .and.to.include(`http://${full}.${ns}.svc:80/`);
      // The hook ran to completion (kwok completes Job pods) before Helm created the release's objects.
      expect(await jsonpath(['get', 'job', `${full}-migrate`], '{.status.succeeded}')).to.equal('1');
      const hookDone = Date.parse(await jsonpath(['get', 'job', `${full}-migrate`], '{.status.completionTime}'));
      const deployCreated = Date.parse(await jsonpath(['get', 'deployment', full], '{.metadata.creationTimestamp}'));
      expect(deployCreated).to.be.at.least(hookDone);
      // --wait returned with the Deployment available.
      const status = JSON.parse(await jsonpath(['get', 'deployment', full], '{.status}'));
      expect(status).to.include({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
      expect(await jsonpath(['get', 'service', full], '{.spec.clusterIP}')).to.match(/^\d+\.\d+\.\d+\.\d+$/);
      expect(await jsonpath(['get', 'configmap', full], '{.data.greeting}')).to.equal('Welcome to the storefront');
      expect(Buffer.from(await jsonpath(['get', 'secret', `${full}-db`], '{.data.password}'), 'base64').toString()).to.equal('change-me');
      for (const kind of ['serviceaccount', 'role', 'rolebinding'])
        expect(await jsonpath(['get', kind, full], '{.metadata.labels.app\\.kubernetes\\.io/managed-by}')).to.equal('Helm');
      expect(await cluster.kubectl(['get', 'crd', 'gadgets.storefront.example.com', '-o', 'name'])).to.include('gadgets.storefront.example.com');
      // The CR was validated and defaulted by the CRD's schema like any other.
      expect(JSON.parse(await jsonpath(['get', 'gadget', `${full}-featured`], '{.spec}'))).to.deep.equal({ colour: 'blue', stock: 10 });
      // Helm's release record: a Secret of type helm.sh/release.v1.
      expect(await jsonpath(['get', 'secrets', '-l', `owner=helm,name=${release}`], '{range .items[*]}{.metadata.name}={.metadata.labels.status} {.type}{"\\n"}{end}')).to.equal(
        `sh.helm.release.v1.${release}.v1=deployed helm.sh/release.v1`,
      );
    });

    it("the Role grants the ServiceAccount what the chart says, and no more (kapi's RBAC)", async () => {
      const sa = `system:serviceaccount:${ns}:${full}`;
      // `kubectl auth can-i` answers yes with exit 0, no with exit 1 (a SelfSubjectAccessReview as the ServiceAccount).
      const can = async (...args: string[]) => {
        const r = await kubectl(cluster.url, ['auth', 'can-i', '-n', ns, '--as', sa, ...args]);
        return `${r.stdout.trim()} ${r.code}`;
      };
      expect(await can('list', 'gadgets.storefront.example.com')).to.equal('yes 0');
      expect(await can('get', `configmap/${full}`)).to.equal('yes 0');
      expect(await can('get', 'configmap/other')).to.equal('no 1');
      expect(await can('get', 'secrets')).to.equal('no 1');
      expect(await can('delete', 'gadgets.storefront.example.com')).to.equal('no 1');
    });

    it('helm status reports revision 1 deployed with its hooks', async () => {
      const s = JSON.parse(await helm(['status', release, '-n', ns, '-o', 'json'])) as {
        version: number;
        namespace: string;
        info: { status: string };
        hooks?: Array<{ name: string; events: string[]; last_run: { phase: string } }>;
      };
      expect(s).to.include({ version: 1, namespace: ns });
      expect(s.info.status).to.equal('deployed');
      const migrate = s.hooks?.find((h) => h.name === `${full}-migrate`);
      expect(migrate?.events).to.deep.equal(['pre-install']);
      expect(migrate?.last_run.phase).to.equal('Succeeded');
    });

    it('helm upgrade with changed values: revision 2, the Deployment rolled to pods with the new configuration', async () => {
      const before = await configChecksum();
      const t0 = Date.now();
      const out = await helm(['upgrade', release, chart, '-n', ns, '--set', 'greeting=Summer sale', '--set', 'replicaCount=3', '--wait', '--timeout', '150s']);
      console.log(`      (helm upgrade --wait: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      expect(out)
        .to.match(/STATUS: deployed/)
        .and.to.match(/REVISION: 2/);
      expect(await jsonpath(['get', 'configmap', full], '{.data.greeting}')).to.equal('Summer sale');
      const after = await configChecksum();
      expect(after).to.not.equal(before);
      // A second ReplicaSet: the deployment controller rolled the pods over to the new template.
      const rs = await jsonpath(['get', 'rs', '-l', `app.kubernetes.io/instance=${release}`], '{range .items[*]}{.spec.replicas}{" "}{end}');
      expect(rs.split(' ').map(Number).sort()).to.deep.equal([0, 3]);
      await eventually(
        async () => {
          const p = await pods();
          expect(p, p.join('\n')).to.have.length(3);
          for (const l of p) expect(l.split(' ').slice(1, 3), l).to.deep.equal(['True', after]);
        },
        60_000,
        500,
      );
      // pre-install is not an upgrade hook: the Job of revision 1 is the one there.
      expect(await jsonpath(['get', 'job', `${full}-migrate`], '{.status.succeeded}')).to.equal('1');
    });

    it('helm history: revision 1 superseded, 2 deployed', async () => {
      expect(await history()).to.deep.equal([
        { revision: 1, status: 'superseded', description: 'Install complete' },
        { revision: 2, status: 'deployed', description: 'Upgrade complete' },
      ]);
    });

    it("helm rollback to 1: revision 3 with revision 1's values, the Deployment rolled back", async () => {
      const t0 = Date.now();
      await helm(['rollback', release, '1', '-n', ns, '--wait', '--timeout', '150s']);
      console.log(`      (helm rollback --wait: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      expect(await jsonpath(['get', 'configmap', full], '{.data.greeting}')).to.equal('Welcome to the storefront');
      const status = JSON.parse(await jsonpath(['get', 'deployment', full], '{.status}'));
      expect(status).to.include({ replicas: 2, readyReplicas: 2, updatedReplicas: 2 });
      const checksum = await configChecksum();
      await eventually(
        async () => {
          const p = await pods();
          expect(p, p.join('\n')).to.have.length(2);
          for (const l of p) expect(l.split(' ').slice(1, 3), l).to.deep.equal(['True', checksum]);
        },
        60_000,
        500,
      );
      expect(await history()).to.deep.equal([
        { revision: 1, status: 'superseded', description: 'Install complete' },
        { revision: 2, status: 'superseded', description: 'Upgrade complete' },
        { revision: 3, status: 'deployed', description: 'Rollback to 1' },
      ]);
      const s = JSON.parse(await helm(['status', release, '-n', ns, '-o', 'json'])) as { version: number; info: { status: string } };
      expect(s.version).to.equal(3);
      expect(s.info.status).to.equal('deployed');
    });

    it('helm test: the test hook pod runs once and succeeds', async () => {
      const out = await helm(['test', release, '-n', ns, '--timeout', '120s']);
      expect(out)
        .to.match(new RegExp(`TEST SUITE:\\s+${full}-test-connection`))
        .and.to.match(/Phase:\s+Succeeded/);
      expect(await jsonpath(['get', 'pod', `${full}-test-connection`], '{.status.phase}')).to.equal('Succeeded');
      const s = JSON.parse(await helm(['status', release, '-n', ns, '-o', 'json'])) as { hooks: Array<{ name: string; last_run: { phase: string } }> };
      expect(s.hooks.find((h) => h.name === `${full}-test-connection`)?.last_run.phase).to.equal('Succeeded');
    });

    it('helm uninstall --wait: every object of the release gone (the pods by the garbage collector), the CRD kept as Helm keeps CRDs', async () => {
      await helm(['uninstall', release, '-n', ns, '--wait', '--timeout', '120s']);
      for (const kind of ['deployment', 'service', 'configmap', 'serviceaccount', 'role', 'rolebinding', 'gadget']) {
        expect(await jsonpath(['get', kind, full, '--ignore-not-found'], '{.metadata.name}'), kind).to.equal('');
      }
      expect(await jsonpath(['get', 'secret', `${full}-db`, '--ignore-not-found'], '{.metadata.name}')).to.equal('');
      expect(await jsonpath(['get', 'secrets', '-l', 'owner=helm'], '{.items[*].metadata.name}')).to.equal('');
      await eventually(
        async () => {
          expect(await jsonpath(['get', 'rs', '-l', `app.kubernetes.io/instance=${release}`], '{.items[*].metadata.name}')).to.equal('');
          expect(await pods()).to.deep.equal([]);
        },
        60_000,
        500,
      );
      expect(await cluster.kubectl(['get', 'crd', 'gadgets.storefront.example.com', '-o', 'name'])).to.include('gadgets.storefront.example.com');
      expect((await run(['status', release, '-n', ns])).stderr).to.match(/release: not found/);
    });

    it("a value the CRD's schema refuses: helm install fails with kapi's 422 message, the release is recorded failed", async () => {
      const r = await run(['install', 'broken', chart, '-n', ns, '--set', 'featuredGadget.colour=purple', '--timeout', '120s']);
      expect(r.code, r.stdout).to.equal(1);
      expect(r.stderr).to.include(
        'Gadget.storefront.example.com "broken-storefront-featured" is invalid: spec.colour: Unsupported value: "purple": supported values: "red", "green", "blue"',
      );
      const s = JSON.parse(await helm(['status', 'broken', '-n', ns, '-o', 'json'])) as { version: number; info: { status: string } };
      expect(s.info.status).to.equal('failed');
      expect(await jsonpath(['get', 'gadgets'], '{.items[*].metadata.name}')).to.equal('');
      await helm(['uninstall', 'broken', '-n', ns, '--wait', '--timeout', '120s']);
      expect(await jsonpath(['get', 'secrets', '-l', 'owner=helm'], '{.items[*].metadata.name}')).to.equal('');
    });

    it('the controller-manager, scheduler and kwok ran throughout without repeating an error', () => {
      expect(cluster.exited()).to.deep.equal([]);
      expect(cluster.repeatedErrors()).to.deep.equal({});
    });
  });
}

// Both backends by default (about 1 min 50 s each on the loaded CI machine, 40 s of it starting the cluster);
// KAPI_HELM_BACKENDS=embedded (or etcd3) runs one.
const backends = (process.env.KAPI_HELM_BACKENDS ?? 'embedded,etcd3').split(',').map((b) => b.trim());
let etcd: EtcdProcess | undefined;
if (backends.includes('embedded'))
  helmScenario(
    'embedded',
    async () => ['--storage-backend', 'embedded'],
    async () => undefined,
  );
if (backends.includes('etcd3')) {
  helmScenario(
    'etcd3',
    async () => {
      etcd = await startEtcd();
      return ['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint];
    },
    async () => {
      await etcd?.stop();
    },
  );
}
