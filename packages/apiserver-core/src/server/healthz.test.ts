import { expect } from 'chai';
import { GenericAPIServer } from './generic-apiserver';
import { eventually } from '../testing/eventually';

/** /healthz, /livez and /readyz as kube-apiserver answers them, over a real socket (plain HTTP: no secure serving configured). */
describe('health endpoints', () => {
  let server: GenericAPIServer;
  let url: string;
  let releaseHook: () => void;
  let started: Promise<string>;

  before(async () => {
    server = new GenericAPIServer({ logLevel: 'silent' });
    server.addPostStartHook('quick', () => undefined);
    server.addPostStartHook('rbac/bootstrap-roles', () => new Promise<void>((resolve) => (releaseHook = resolve)));
    started = server.run('127.0.0.1', 0);
    url = await eventually(() => server.url() || Promise.reject(new Error('not serving yet')));
  });
  after(async () => {
    releaseHook();
    await started;
    await server.shutdown();
  });

  const text = async (path: string) => {
    const res = await fetch(url + path);
    return { status: res.status, body: await res.text() };
  };

  it('reports each post-start hook until it has finished, and one hook by its name with slashes', async () => {
    const waiting = await text('/readyz?verbose');
    expect(waiting.status).to.equal(500);
    expect(waiting.body.split('\n')).to.include.members([
      '[+]ping ok',
      '[+]poststarthook/quick ok',
      '[-]poststarthook/rbac/bootstrap-roles failed: reason withheld',
      'readyz check failed',
    ]);
    expect((await text('/livez/poststarthook/rbac/bootstrap-roles')).status).to.equal(500);
    expect(await text('/livez/poststarthook/quick')).to.deep.equal({ status: 200, body: 'ok' });
    releaseHook();
    await started;
    expect(await text('/readyz')).to.deep.equal({ status: 200, body: 'ok' });
    expect(await text('/healthz/poststarthook/rbac/bootstrap-roles')).to.deep.equal({ status: 200, body: 'ok' });
    expect((await text('/readyz?verbose')).body.split('\n')).to.include.members(['[+]poststarthook/rbac/bootstrap-roles ok', 'readyz check passed']);
    expect((await text('/readyz/no-such-check')).status).to.equal(404);
  });
});
