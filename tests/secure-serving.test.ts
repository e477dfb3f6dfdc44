import { readFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import { newCertificateAuthority, newClientCertificate } from '@kapi/apiserver-core';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { testUser } from './support/test-pki';
import { eventually } from './support/eventually';
import { freePort } from './support/free-port';

const unauthorized = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

/** Resolves once the process printed a line matching `pattern` (lines after "serving on" come a moment later). */
async function outputMatching(kapi: KapiProcess, pattern: RegExp, ms = 10_000): Promise<string> {
  return eventually(() => {
    expect(kapi.output()).to.match(pattern);
    return kapi.output();
  }, ms);
}

/** `kapi server` as a user starts it: no certificate flags, so it makes and keeps its own PKI under --data-dir. */
describe('kapi server with its generated PKI', function () {
  this.timeout(120_000);
  const data = tempDir('kapi-secure-');
  const kubeconfig = path.join(data.dir, 'admin.kubeconfig');
  const caFile = path.join(data.dir, 'pki', 'ca.crt');
  let kapi: KapiProcess | undefined;
  const start = (...args: string[]) => startKapi(['--storage-backend', 'memory', '--data-dir', data.dir, '--secure-port', '0', ...args], 30_000, { testPKI: false });
  after(async () => {
    await kapi?.stop();
    data.cleanup();
  });

  it('serves https, writes <data-dir>/admin.kubeconfig and kubectl get ns works with it', async () => {
    kapi = await start();
    expect(kapi.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await outputMatching(kapi, /admin kubeconfig/)).to.include(`kapi: wrote admin kubeconfig (created) ${kubeconfig}`);
    const out = await kubectlOk(kapi.url, ['get', 'ns', '-o', 'name'], { env: { KUBECONFIG: kubeconfig } });
    expect(out.split('\n')).to.include.members(['namespace/default', 'namespace/kube-system']);
  });

  it('answers plain http on the secure port as Go does, and kubectl shows it', async () => {
    const plainURL = kapi!.url.replace('https:', 'http:');
    const res = await fetch(`${plainURL}/version`);
    expect(res.status).to.equal(400);
    expect(await res.text()).to.equal('Client sent an HTTP request to an HTTPS server.\n');
    const r = await kubectl(plainURL, ['get', 'ns'], { env: { KUBECONFIG: '/dev/null' } });
    expect(r.code).to.equal(1);
    // kubectl's words for a 400 without a Status body, as against kube-apiserver.
    expect(r.stderr).to.include('Error from server (BadRequest)');
  });

  it('serves anonymous /version, and answers a client certificate of another CA with a 401 Status', async () => {
    const ca = readFileSync(caFile, 'utf8');
    const anonymous = await fetch(`${kapi!.url}/version`, { dispatcher: new Agent({ connect: { ca } }) });
    expect(anonymous.status).to.equal(200);
    expect(((await anonymous.json()) as { major: string }).major).to.equal('1');
    const other = await newCertificateAuthority('elsewhere');
    const stranger = await newClientCertificate(other, 'kubernetes-admin', ['system:masters']);
    const res = await fetch(`${kapi!.url}/api/v1/namespaces`, { dispatcher: new Agent({ connect: { ca, cert: stranger.certPEM, key: stranger.keyPEM } }) });
    expect(res.status).to.equal(401);
    expect(await res.json()).to.deep.equal(unauthorized);
  });

  it("keeps its CA across a restart on another port and only rewrites the kubeconfig's server", async () => {
    const ca = readFileSync(caFile, 'utf8');
    const before = readFileSync(kubeconfig, 'utf8');
    await kapi!.stop();
    kapi = await start('--anonymous-auth=false');
    expect(readFileSync(caFile, 'utf8')).to.equal(ca);
    expect(await outputMatching(kapi, /admin kubeconfig/)).to.include(`kapi: wrote admin kubeconfig (updated) ${kubeconfig}`);
    expect(readFileSync(kubeconfig, 'utf8')).to.equal(before.replace(/server: \S+/, `server: ${kapi.url}`));
    expect(await kubectlOk(kapi.url, ['get', 'ns', 'default', '-o', 'name'], { env: { KUBECONFIG: kubeconfig } })).to.equal('namespace/default\n');
  });

  it('with --anonymous-auth=false a request without credentials is 401, and kubectl says so', async () => {
    const ca = readFileSync(caFile, 'utf8');
    const res = await fetch(`${kapi!.url}/version`, { dispatcher: new Agent({ connect: { ca } }) });
    expect(res.status).to.equal(401);
    expect(await res.json()).to.deep.equal(unauthorized);
    // A token nobody recognises (no token authenticator is configured, so it is as good as none).
    const r = await kubectl(kapi!.url, ['get', 'ns', `--certificate-authority=${caFile}`, '--token=nobody'], { env: { KUBECONFIG: '/dev/null' } });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('error: You must be logged in to the server (Unauthorized)');
  });

  it('--port opens the loopback insecure port, where every request is a superuser, and warns about it', async () => {
    await kapi!.stop();
    const port = await freePort();
    kapi = await start('--anonymous-auth=false', '--port', String(port));
    expect(await outputMatching(kapi, /WARNING/)).to.include(`kapi: WARNING: also serving insecurely on http://127.0.0.1:${port}`);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/default`);
    expect(res.status).to.equal(200);
    expect(await kubectlOk(`http://127.0.0.1:${port}`, ['get', 'ns', 'kube-system', '-o', 'name'])).to.equal('namespace/kube-system\n');
  });

  it('exits 1 naming the address when the secure port is taken', async () => {
    await kapi!.stop();
    kapi = undefined;
    const holder = createNetServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const err = await start('--secure-port', String(port)).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).to.match(/kapi exited with 1 before serving/);
      expect(err?.message).to.include(`Error: failed to listen on 127.0.0.1:${port}: listen EADDRINUSE`);
    } finally {
      holder.close();
    }
  });
});

describe('test identities of the test PKI', function () {
  this.timeout(60_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory', '--anonymous-auth=false']);
  });
  after(() => kapi.stop());

  it('testUser gives kubectl, fetch and kubeconfig credentials the server accepts (and RBAC judges)', async () => {
    const jane = await testUser('jane', ['dev']);
    const refused = await fetch(`${kapi.url}/api/v1/namespaces`, { dispatcher: jane.dispatcher });
    expect(refused.status).to.equal(403);
    expect(((await refused.json()) as { message: string }).message).to.equal(
      'namespaces is forbidden: User "jane" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
    await kubectlOk(kapi.url, ['create', 'clusterrolebinding', 'dev-view', '--clusterrole=view', '--group=dev']);
    expect(await kubectlOk(kapi.url, [...jane.kubectlArgs, 'get', 'ns', 'default', '-o', 'name'], { env: { KUBECONFIG: '/dev/null' } })).to.equal('namespace/default\n');
    expect(jane.kubeconfig(kapi.url)).to.include('client-certificate-data: ');
  });
});
