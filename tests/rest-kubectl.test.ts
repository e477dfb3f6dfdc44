import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { call, kubectl, kubectlOk, startRestServer, type TestServer } from './rest-helpers';
import { testPKI } from './support/test-pki';
import { eventually } from './support/eventually';

type Obj = { metadata: Record<string, unknown>; data?: Record<string, string> } & Record<string, unknown>;

const manifest = (name: string, labels: Record<string, string> = {}, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: kc\n  labels: ${JSON.stringify(labels)}\n${extra}data:\n  k: v\n`;

/** The kubectl flows that lean on the handlers' semantics, with the real kubectl v1.32. */
describe('REST: kubectl flows', function () {
  this.timeout(120_000);
  let s: TestServer;
  const cms = '/api/v1/namespaces/kc/configmaps';
  before(async () => {
    s = await startRestServer();
    await kubectlOk(s.url, ['create', 'namespace', 'kc']);
    for (const [name, app] of [
      ['web1', 'web'],
      ['web2', 'web'],
      ['db1', 'db'],
      ['db2', 'db'],
      ['misc', 'misc'],
    ]) {
      await kubectlOk(s.url, ['apply', '-f', '-'], { input: manifest(name, { app }) });
    }
  });
  after(() => s.stop());

  it("kubectl patch --type=json and --type=merge; a failed test op reports the server's Invalid", async () => {
    await kubectlOk(s.url, ['-n', 'kc', 'patch', 'configmap', 'misc', '--type=json', '-p', '[{"op":"add","path":"/data/j","value":"1"}]']);
    await kubectlOk(s.url, ['-n', 'kc', 'patch', 'configmap', 'misc', '--type=merge', '-p', '{"data":{"m":"2","k":null}}']);
    const cm = JSON.parse(await kubectlOk(s.url, ['-n', 'kc', 'get', 'configmap', 'misc', '-o', 'json'])) as Obj;
    expect(cm.data).to.deep.equal({ j: '1', m: '2' });
    const failed = await kubectl(s.url, ['-n', 'kc', 'patch', 'configmap', 'misc', '--type=json', '-p', '[{"op":"test","path":"/data/j","value":"9"}]']);
    expect(failed.code).to.equal(1);
    expect(failed.stderr.trim()).to.equal('The request is invalid: the server rejected our request due to an error in our request');
    const unchanged = await kubectlOk(s.url, ['-n', 'kc', 'patch', 'configmap', 'misc', '--type=merge', '-p', '{"data":{"m":"2"}}']);
    expect(unchanged.trim()).to.equal('configmap/misc patched (no change)');
  });

  it('kubectl get -l and --field-selector', async () => {
    const byLabel = await kubectlOk(s.url, ['-n', 'kc', 'get', 'configmaps', '-l', 'app in (web,db),app!=db', '-o', 'name']);
    expect(byLabel.trim().split('\n')).to.deep.equal(['configmap/web1', 'configmap/web2']);
    const byField = await kubectlOk(s.url, ['get', 'configmaps', '-A', '--field-selector', 'metadata.name=db2,metadata.namespace=kc', '-o', 'name']);
    expect(byField.trim()).to.equal('configmap/db2');
    const unsupported = await kubectl(s.url, ['-n', 'kc', 'get', 'configmaps', '--field-selector', 'data.k=v']);
    expect(unsupported.code).to.equal(1);
    expect(unsupported.stderr).to.contain('"data.k" is not a known field selector: only "metadata.name", "metadata.namespace"');
    const badLabel = await kubectl(s.url, ['-n', 'kc', 'get', 'configmaps', '-l', 'app in web']);
    expect(badLabel.code).to.equal(1);
  });

  it('kubectl get --chunk-size=2 pages with limit/continue and lists everything', async () => {
    const r = await kubectl(s.url, ['-n', 'kc', 'get', 'configmaps', '--chunk-size=2', '-o', 'name', '-v=6']);
    expect(r.code).to.equal(0);
    // Every namespace also holds the root CA publisher's kube-root-ca.crt, as on kube.
    expect(
      r.stdout
        .trim()
        .split('\n')
        .filter((n) => n !== 'configmap/kube-root-ca.crt'),
    ).to.have.length(5);
    const pages = r.stderr.split('\n').filter((l) => /GET .*configmaps\?.*limit=2/.test(l));
    expect(pages.length).to.equal(3);
    expect(pages.filter((l) => l.includes('continue=')).length).to.equal(2);
  });

  it('kubectl get -w prints changes as they happen', async () => {
    const { kubectlArgs } = await testPKI();
    const proc = spawn('kubectl', ['-s', s.url, ...kubectlArgs, '-n', 'kc', 'get', 'configmaps', '-w', '--output-watch-events', '-l', 'app=web'], {
      env: { ...process.env, KUBECONFIG: '/dev/null' },
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    try {
      const waitFor = (re: RegExp) => eventually(() => expect(out).to.match(re));
      await waitFor(/ADDED\s+web2/);
      await call(s.url, 'PATCH', `${cms}/web1`, { body: { data: { w: '1' } }, contentType: 'application/merge-patch+json' });
      await call(s.url, 'PATCH', `${cms}/db1`, { body: { data: { w: '1' } }, contentType: 'application/merge-patch+json' });
      await waitFor(/MODIFIED\s+web1/);
      expect(out).to.not.contain('db1');
    } finally {
      proc.kill('SIGKILL');
    }
  });

  it('--dry-run=server: apply, patch and delete validate and store nothing', async () => {
    const applied = await kubectlOk(s.url, ['apply', '--dry-run=server', '-f', '-'], { input: manifest('ghost', { app: 'ghost' }) });
    expect(applied.trim()).to.equal('configmap/ghost created (server dry run)');
    expect((await call(s.url, 'GET', `${cms}/ghost`)).status).to.equal(404);
    const invalid = await kubectl(s.url, ['apply', '--dry-run=server', '-f', '-'], { input: manifest('ghost', { 'bad key!': 'x' }) });
    expect(invalid.code).to.equal(1);
    expect(invalid.stderr).to.contain('is invalid');
    // kubectl patch prints no "(server dry run)" suffix; what matters is that it sent dryRun=All.
    const patched = await kubectl(s.url, ['-n', 'kc', 'patch', 'configmap', 'db1', '--dry-run=server', '--type=merge', '-p', '{"data":{"dry":"1"}}', '-v=6']);
    expect(patched.code).to.equal(0);
    expect(patched.stderr).to.match(/PATCH .*configmaps\/db1\?dryRun=All.* 200 OK/);
    const deleted = await kubectlOk(s.url, ['-n', 'kc', 'delete', 'configmap', 'db2', '--dry-run=server']);
    expect(deleted.trim()).to.equal('configmap "db2" deleted (server dry run)');
    const db1 = (await call<Obj>(s.url, 'GET', `${cms}/db1`)).body;
    expect(db1.data).to.not.have.property('dry');
    expect((await call(s.url, 'GET', `${cms}/db2`)).status).to.equal(200);
  });

  it('kubectl delete --wait returns once a second client removes the finalizer', async () => {
    await kubectlOk(s.url, ['apply', '-f', '-'], { input: manifest('held', {}, '  finalizers: ["example.com/hold"]\n').replace('  labels: {}\n', '  labels: {}\n') });
    const started = Date.now();
    const deleting = kubectl(s.url, ['-n', 'kc', 'delete', 'configmap', 'held', '--wait=true', '--timeout=30s'], { timeoutMs: 60_000 });
    let marked: Obj | undefined;
    for (let i = 0; i < 50; i++) {
      marked = (await call<Obj>(s.url, 'GET', `${cms}/held`)).body;
      if (marked.metadata.deletionTimestamp) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(marked!.metadata.deletionTimestamp, 'marked for deletion while kubectl waits').to.be.a('string');
    await new Promise((r) => setTimeout(r, 1000));
    const removed = await call(s.url, 'PATCH', `${cms}/held`, { body: [{ op: 'remove', path: '/metadata/finalizers' }], contentType: 'application/json-patch+json' });
    expect(removed.status).to.equal(200);
    const r = await deleting;
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.equal('configmap "held" deleted');
    expect(Date.now() - started).to.be.greaterThan(1000);
    expect((await call(s.url, 'GET', `${cms}/held`)).status).to.equal(404);
  });
});
