import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { Agent, fetch, type RequestInit } from 'undici';
import { registryAppsModule } from '@kapi/registry-apps';
import { createServer, type KapiServer } from './create-server';

/** A request as the server's admin (the credentials of its kubeconfig), over HTTPS. */
const json = async (server: KapiServer, path: string, init?: RequestInit) => {
  const res = await fetch(server.url + path, { ...init, dispatcher: new Agent({ connect: server.tls }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('createServer', () => {
  it('serves only the modules it is given, on a free port over memory storage, and closes twice safely', async () => {
    const server = await createServer({ modules: [registryAppsModule] });
    try {
      expect(server.chain.backend.type).to.equal('memory');
      expect([...server.chain.instance.groups.keys()]).to.deep.equal(['apps']);
      expect((await json(server, '/api/v1/namespaces')).status).to.equal(404);
      const dep = await json(server, '/apis/apps/v1/namespaces/x/deployments');
      expect(dep.status).to.equal(200);
      expect(server.startupMs).to.be.greaterThan(0);
      expect(server.kubeconfig).to.include(`server: ${server.url}\n`);
      expect(server.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await server.close();
      await server.close();
    }
  });

  it('takes storage as an option and keeps objects across restarts on the embedded backend', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kapi-compose-'));
    try {
      const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: { a: '1' } });
      const first = await createServer({ storage: { type: 'embedded', dataDir } });
      const created = await json(first, '/api/v1/namespaces/default/configmaps', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(created.status).to.equal(201);
      await first.close();
      const second = await createServer({ storage: { type: 'embedded', dataDir } });
      try {
        expect(second.chain.backend.type).to.equal('embedded');
        const got = await json(second, '/api/v1/namespaces/default/configmaps/kept');
        expect(got.body.data).to.deep.equal({ a: '1' });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('serves HTTPS only, with a kubeconfig for system:admin in system:masters signed by its own CA', async () => {
    const server = await createServer({ modules: [registryAppsModule] });
    try {
      const cert = new X509Certificate(server.tls!.cert);
      expect(cert.subject).to.equal('CN=system:admin\nO=system:masters');
      expect(cert.verify(new X509Certificate(server.tls!.ca).publicKey)).to.equal(true);
      expect(server.kubeconfig).to.include(`certificate-authority-data: ${Buffer.from(server.tls!.ca).toString('base64')}`);
      const plain = await fetch(server.url.replace('https:', 'http:') + '/version');
      expect([plain.status, await plain.text()]).to.deep.equal([400, 'Client sent an HTTP request to an HTTPS server.\n']);
    } finally {
      await server.close();
    }
  });

  it('refuses a bad plugin before opening storage or a port', async () => {
    try {
      await createServer({ plugins: ['./no-export'], cwd: path.join(__dirname, '..', 'plugins', 'testdata') });
      expect.fail('expected a PluginError');
    } catch (err) {
      expect((err as Error).message).to.match(/^plugin "\.\/no-export": .* exports no ContainerModule/);
    }
  });
});
