import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { kubeconfigFor, tokenSuccessCacheTTLMs } from '@kapi/controlplane';
import type { Json } from '../support/http';
import { repoRoot, startKapi, tempDir, type KapiProcess } from '../support/kapi-process';
import { kubectlOk } from '../support/kubectl';
import { testPKI, testUser } from '../support/test-pki';

/** The venv scripts/ensure-python-client.sh makes (npm test runs it first). */
const python = path.join(repoRoot, '.tmp/python-venv/bin/python');
const program = path.join(__dirname, 'python/client_scenarios.py');
const ns = 'py-ns';

/** What one run printed: its JSON lines by step name. */
type Steps = Record<string, Json>;

async function runPython(args: string[]): Promise<Steps> {
  return new Promise((resolve, reject) => {
    const proc = spawn(python, [program, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`client_scenarios.py ${args[0]} exited ${code}\nstdout: ${stdout}\nstderr: ${stderr}`));
      const steps: Steps = {};
      for (const line of stdout.split('\n').filter(Boolean)) {
        const { step, ...rest } = JSON.parse(line) as Json;
        steps[step] = rest;
      }
      resolve(steps);
    });
  });
}

/** kube-apiserver's Status for a refused request, as every client receives it. */
const failure = (code: number, reason: string, message: string, details?: Json) => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code },
});
const forbidden = (user: string, verb: string) =>
  failure(403, 'Forbidden', `configmaps is forbidden: User "${user}" cannot ${verb} resource "configmaps" in API group "" in the namespace "${ns}"`, { kind: 'configmaps' });
const unauthorized = failure(401, 'Unauthorized', 'Unauthorized');

/** The official `kubernetes` Python client (its current release, 37.x; see requirements.txt) against kapi over HTTPS with real identities. */
describe('Python kubernetes client compat', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  let tmp: { dir: string; cleanup: () => void };
  let caFile: string;
  const kubeconfigFile = (name: string, text: string) => {
    const file = path.join(tmp.dir, `${name}.kubeconfig`);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  const adminKubeconfig = async () => {
    const pki = await testPKI();
    return kubeconfigFile('admin', kubeconfigFor(kapi.url, 'kapi', ns, { ca: pki.ca.certPEM, cert: pki.admin.certPEM, key: pki.admin.keyPEM }));
  };
  const withToken = (token: string) => ['--server', kapi.url, '--ca', caFile, '--token', token, '--namespace', ns];

  before(async () => {
    if (!existsSync(python)) throw new Error(`${python} is missing: run scripts/ensure-python-client.sh (npm test does)`);
    tmp = tempDir('kapi-python-');
    const tokenFile = path.join(tmp.dir, 'tokens.csv');
    writeFileSync(tokenFile, 'py-static-token,py-static,uid-py-static,"py-editors,py-team"\n');
    // --data-dir keeps the generated service-account signing key out of the repo.
    kapi = await startKapi(['--storage-backend', 'memory', '--data-dir', path.join(tmp.dir, 'data'), '--token-auth-file', tokenFile]);
    caFile = (await testPKI()).caFile;
    await kubectlOk(kapi.url, ['create', 'namespace', ns]);
  });
  after(async () => {
    await kapi?.stop();
    tmp?.cleanup();
  });

  describe('the test admin by client certificate through load_kube_config', () => {
    let steps: Steps;
    before(async () => {
      steps = await runPython(['admin', '--kubeconfig', await adminKubeconfig(), '--namespace', ns]);
    });

    it('creates, reads, replaces and deletes a ConfigMap as typed V1ConfigMap objects', () => {
      const { created, read, replaced, deleted, createdType } = steps.crud;
      expect(createdType).to.equal('V1ConfigMap');
      expect(created).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
      expect(created.metadata).to.include({ name: 'py-crud', namespace: ns });
      expect(created.metadata.uid).to.match(/^[0-9a-f-]{36}$/);
      expect(created.metadata.creationTimestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(read.metadata.uid).to.equal(created.metadata.uid);
      expect(replaced.data).to.deep.equal({ a: '2' });
      expect(Number(replaced.metadata.resourceVersion)).to.be.greaterThan(Number(created.metadata.resourceVersion));
      // kube answers a delete of a configmap with a Success Status naming it (the client's V1Status).
      expect(deleted).to.deep.equal({
        apiVersion: 'v1',
        kind: 'Status',
        metadata: {},
        status: 'Success',
        details: { name: 'py-crud', kind: 'configmaps', uid: created.metadata.uid },
      });
      expect(steps['read-deleted'].error).to.deep.equal(failure(404, 'NotFound', 'configmaps "py-crud" not found', { name: 'py-crud', kind: 'configmaps' }));
    });

    it('lists with a label selector', () => {
      expect(steps['list-selector']).to.deep.include({ kind: 'ConfigMapList', apiVersion: 'v1', names: ['py-sel-a'] });
      expect(steps['list-selector'].resourceVersion).to.match(/^\d+$/);
    });

    it('Watch().stream from a list resourceVersion sees ADDED, MODIFIED, DELETED as V1ConfigMap', () => {
      expect(steps.watch.events).to.deep.equal([
        ['ADDED', 'V1ConfigMap', 'py-watched', { a: '1' }],
        ['MODIFIED', 'V1ConfigMap', 'py-watched', { a: '2' }],
        ['DELETED', 'V1ConfigMap', 'py-watched', { a: '2' }],
      ]);
    });

    it('a watch with timeout_seconds is ended by the server after that time, without an error', () => {
      expect(steps['watch-timeout'].events).to.equal(0);
      expect(steps['watch-timeout'].seconds).to.be.within(0.9, 5);
    });

    it('patch with a dict body is a strategic merge patch', () => {
      expect(steps['patch-configmap']).to.deep.equal({ data: { b: '2' }, labels: { pick: 'me', extra: 'yes' } });
      // Containers merge by name: the image changes and the env the patch does not mention stays.
      expect(steps['patch-deployment'].containers).to.have.length(1);
      expect(steps['patch-deployment'].containers[0]).to.deep.include({ name: 'nginx', image: 'nginx:1.29', env: [{ name: 'MODE', value: 'fast' }] });
      expect(steps['patch-deployment'].generation).to.equal(2);
    });

    it("creates and reads an apps/v1 Deployment with kube's defaults", () => {
      const { created, read, createdType } = steps.deployment;
      expect(createdType).to.equal('V1Deployment');
      expect(created.metadata).to.include({ name: 'py-web', namespace: ns, generation: 1 });
      expect(created.spec).to.deep.include({ replicas: 2, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
      expect(created.spec.strategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
      expect(created.spec.template.spec).to.deep.include({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
      expect(created.spec.template.spec.containers[0]).to.deep.include({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' });
      expect(read.metadata.uid).to.equal(created.metadata.uid);
      expect(read.spec).to.deep.equal(created.spec);
    });

    it("a missing object is an ApiException 404 carrying kube's Status", () => {
      expect(steps['read-missing'].error).to.deep.equal(failure(404, 'NotFound', 'configmaps "py-missing" not found', { name: 'py-missing', kind: 'configmaps' }));
    });

    it('creating an existing object is an ApiException 409 AlreadyExists', () => {
      expect(steps['create-duplicate'].error).to.deep.equal(failure(409, 'AlreadyExists', 'configmaps "py-sel-a" already exists', { name: 'py-sel-a', kind: 'configmaps' }));
    });
  });

  describe('a non-admin user by client certificate', () => {
    let kubeconfig: string;
    before(async () => {
      kubeconfig = kubeconfigFile('pyuser', (await testUser('pyuser')).kubeconfig(kapi.url));
    });

    it("is forbidden with kube's message until bound, then may list but not create", async () => {
      const before = await runPython(['probe', '--kubeconfig', kubeconfig, '--namespace', ns, '--name', 'by-pyuser']);
      // Every authenticated user may ask who it is (system:basic-user).
      expect(before.whoami).to.deep.equal({ kind: 'SelfSubjectReview', userInfo: { username: 'pyuser', groups: ['system:authenticated'] } });
      expect(before.list.error).to.deep.equal(forbidden('pyuser', 'list'));
      expect(before.create.error).to.deep.equal(forbidden('pyuser', 'create'));

      await kubectlOk(kapi.url, ['create', 'rolebinding', 'pyuser-view', '--clusterrole=view', '--user=pyuser', '-n', ns]);
      const after = await runPython(['probe', '--kubeconfig', kubeconfig, '--namespace', ns, '--name', 'by-pyuser']);
      expect(after.list.names).to.include.members(['py-sel-a', 'py-sel-b']);
      expect(after.create.error).to.deep.equal(forbidden('pyuser', 'create'));
    });
  });

  describe('bearer tokens with the CA verified', () => {
    it('a static token of --token-auth-file is its user with its groups', async () => {
      await kubectlOk(kapi.url, ['create', 'rolebinding', 'py-editors-edit', '--clusterrole=edit', '--group=py-editors', '-n', ns]);
      const steps = await runPython(['probe', ...withToken('py-static-token'), '--name', 'by-static-token']);
      expect(steps.whoami).to.deep.equal({
        kind: 'SelfSubjectReview',
        userInfo: { username: 'py-static', uid: 'uid-py-static', groups: ['py-editors', 'py-team', 'system:authenticated'] },
      });
      expect(steps.list.names).to.include('py-sel-a');
      expect(steps.create).to.deep.equal({ name: 'by-static-token' });
    });

    it('an unknown token is a 401 Unauthorized Status', async () => {
      const steps = await runPython(['probe', ...withToken('not-a-token')]);
      expect(steps.whoami.error).to.deep.equal(unauthorized);
      expect(steps.list.error).to.deep.equal(unauthorized);
    });

    it('a kubectl create token is the service account, until the account is deleted', async () => {
      await kubectlOk(kapi.url, ['create', 'serviceaccount', 'py-robot', '-n', ns]);
      await kubectlOk(kapi.url, ['create', 'rolebinding', 'py-robot-view', '--clusterrole=view', `--serviceaccount=${ns}:py-robot`, '-n', ns]);
      const uid = (await kubectlOk(kapi.url, ['get', 'sa', 'py-robot', '-n', ns, '-o', 'jsonpath={.metadata.uid}'])).trim();
      const token = (await kubectlOk(kapi.url, ['create', 'token', 'py-robot', '-n', ns])).trim();

      const firstUse = Date.now();
      const steps = await runPython(['probe', ...withToken(token), '--name', 'by-robot']);
      const user = `system:serviceaccount:${ns}:py-robot`;
      expect(steps.whoami.kind).to.equal('SelfSubjectReview');
      expect(steps.whoami.userInfo).to.deep.include({ username: user, uid, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] });
      expect(steps.whoami.userInfo.extra['authentication.kubernetes.io/credential-id'][0]).to.match(/^JTI=[0-9a-f-]{36}$/);
      expect(steps.list.names).to.include('py-sel-a');
      expect(steps.create.error).to.deep.equal(forbidden(user, 'create'));

      // kube-apiserver caches a successful token review for 10 s (TokenSuccessCacheTTL), so a token
      // outlives its account by up to that long; after it the account's absence is a 401.
      await kubectlOk(kapi.url, ['delete', 'sa', 'py-robot', '-n', ns]);
      await sleep(Math.max(0, firstUse + tokenSuccessCacheTTLMs + 500 - Date.now()));
      const gone = await runPython(['probe', ...withToken(token)]);
      expect(gone.whoami.error).to.deep.equal(unauthorized);
      expect(gone.list.error).to.deep.equal(unauthorized);
    });
  });

  it("VersionApi().get_code() is the server's /version as a VersionInfo", async () => {
    const { version } = await runPython(['version', '--kubeconfig', await adminKubeconfig()]);
    const served = (await (await fetch(`${kapi.url}/version`)).json()) as Json;
    expect(version.type).to.equal('VersionInfo');
    expect(version.info).to.deep.equal(served);
    expect(version.info).to.include({ major: '1', minor: '32' });
  });
});
