import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { registryAppsModule } from '@kapi/registry-apps';
import { createServer } from './create-server';

const json = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('createServer', () => {
  it('serves only the modules it is given, on a free port over memory storage, and closes twice safely', async () => {
    const server = await createServer({ modules: [registryAppsModule] });
    try {
      expect(server.chain.backend.type).to.equal('memory');
      expect([...server.chain.instance.groups.keys()]).to.deep.equal(['apps']);
      expect((await fetch(`${server.url}/api/v1/namespaces`)).status).to.equal(404);
      const dep = await json(`${server.url}/apis/apps/v1/namespaces/x/deployments`);
      expect(dep.status).to.equal(200);
      expect(server.startupMs).to.be.greaterThan(0);
      expect(server.kubeconfig).to.include(`server: ${server.url}\n`);
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
      const created = await json(`${first.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(created.status).to.equal(201);
      await first.close();
      const second = await createServer({ storage: { type: 'embedded', dataDir } });
      try {
        expect(second.chain.backend.type).to.equal('embedded');
        const got = await json(`${second.url}/api/v1/namespaces/default/configmaps/kept`);
        expect(got.body.data).to.deep.equal({ a: '1' });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
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
