import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';

const apiResources = async (url: string) => (await kubectlOk(url, ['api-resources', '-o', 'name'])).trim().split('\n').filter(Boolean);

/** --runtime-config as kube-apiserver reads it, seen through discovery and kubectl. */
describe('--runtime-config disables group-versions and resources', function () {
  this.timeout(60_000);
  let server: KapiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('apps/v1=false removes the apps group and its routes', async () => {
    server = await createTestServer({ runtimeConfig: { 'apps/v1': 'false' } });
    const resources = await apiResources(server.url);
    expect(resources).to.include('configmaps');
    expect(resources.filter((r) => r.endsWith('.apps'))).to.deep.equal([]);
    const groups = JSON.parse(await kubectlOk(server.url, ['get', '--raw', '/apis'])).groups.map((g: { name: string }) => g.name);
    expect(groups).not.to.include('apps');
    const res = await fetch(`${server.url}/apis/apps/v1/namespaces/default/deployments`);
    expect(res.status).to.equal(404);
    const get = await kubectl(server.url, ['get', 'deployments']);
    expect(get.stderr).to.include('the server doesn\'t have a resource type "deployments"');
  });

  it('apps/v1/daemonsets=false removes daemonsets and daemonsets/status, keeps the rest of apps/v1', async () => {
    server = await createTestServer({ runtimeConfig: { 'apps/v1/daemonsets': 'false' } });
    const resources = await apiResources(server.url);
    expect(resources.filter((r) => r.endsWith('.apps')).sort()).to.deep.equal(['controllerrevisions.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps']);
    const list = JSON.parse(await kubectlOk(server.url, ['get', '--raw', '/apis/apps/v1']));
    expect(list.resources.map((r: { name: string }) => r.name).filter((n: string) => n.startsWith('daemonsets'))).to.deep.equal([]);
    expect((await fetch(`${server.url}/apis/apps/v1/namespaces/default/daemonsets`)).status).to.equal(404);
    await kubectlOk(server.url, ['create', 'deployment', 'still-here', '--image=nginx']);
  });

  it('api/all=false with v1=true serves the legacy group alone', async () => {
    server = await createTestServer({ runtimeConfig: { 'api/all': 'false', 'api/v1': 'true' } });
    const resources = await apiResources(server.url);
    expect(resources).to.include('namespaces');
    expect(resources.filter((r) => r.includes('.'))).to.deep.equal([]);
  });

  it('applies to a plugin group as to a built-in one', async () => {
    server = await createTestServer({ plugins: ['@kapi/example-widgets'], runtimeConfig: { 'widgets.example.dev/v1': 'false' } });
    expect((await apiResources(server.url)).filter((r) => r.endsWith('.widgets.example.dev'))).to.deep.equal([]);
    await server.close();
    server = await createTestServer({ plugins: ['@kapi/example-widgets'], runtimeConfig: { 'widgets.example.dev/v1/widgets': 'true', 'apps/v1': 'false' } });
    const resources = await apiResources(server.url);
    expect(resources).to.include('widgets.widgets.example.dev');
    expect(resources.filter((r) => r.endsWith('.apps'))).to.deep.equal([]);
  });
});
