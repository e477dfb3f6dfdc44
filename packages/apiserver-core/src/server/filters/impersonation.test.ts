import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import Koa from 'koa';
import type { AuthorizationAttributes, Authorizer } from '../../authorization/authorizer';
import { withAuthentication } from './authentication';
import { impersonatedUserOf, originalUserOf, withImpersonation } from './impersonation';
import type { J } from '../../util/loose-json';

/**
 * A koa app on a real socket: a bearer token names the user ("alice" or "admin"), the impersonation
 * filter runs with an authorizer that lets admin impersonate anything and alice only user "bob",
 * and the route echoes who the request ended up as and which impersonation headers were left.
 */
describe('filters: impersonation', () => {
  let server: http.Server;
  let url: string;
  const asked: AuthorizationAttributes[] = [];
  const authorizer: Authorizer = {
    authorize: (a) => {
      asked.push(a);
      if (a.user.name === 'admin') return { decision: 'Allow', reason: '' };
      if (a.user.name === 'alice' && a.resource === 'users' && a.name === 'bob') return { decision: 'Allow', reason: '' };
      return { decision: 'NoOpinion', reason: 'no RBAC policy matched' };
    },
  };

  before(async () => {
    const app = new Koa();
    app.use(
      withAuthentication({
        authenticator: {
          authenticateRequest: async (req) => {
            const name = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
            return name ? { user: { name, groups: ['system:authenticated', `team-${name}`] } } : null;
          },
        },
      }),
    );
    app.use(withImpersonation(authorizer));
    app.use((ctx) => {
      ctx.body = {
        user: ctx.state.user,
        original: originalUserOf(ctx) ?? null,
        impersonated: impersonatedUserOf(ctx) ?? null,
        left: [...Object.keys(ctx.req.headers), ...Object.keys(ctx.req.headersDistinct), ...ctx.req.rawHeaders.filter((_, i) => i % 2 === 0)].filter((h) =>
          h.toLowerCase().startsWith('impersonate-'),
        ),
      };
    });
    server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (asked.length = 0));

  /** node:http sends a repeated header as separate lines, as kubectl does (fetch would join them with commas). */
  const get = (user: string, headers: [string, string][], path = '/api/v1/namespaces/default/pods') =>
    new Promise<{ status: number; type: string | undefined; text: string; body: J }>((resolve, reject) => {
      const req = http.request(url + path, { method: 'GET' }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], text, body: text.startsWith('{') ? JSON.parse(text) : undefined }));
      });
      req.setHeader('Authorization', `Bearer ${user}`);
      const grouped = new Map<string, string[]>();
      for (const [name, value] of headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
      for (const [name, values] of grouped) req.setHeader(name, values);
      req.on('error', reject);
      req.end();
    });

  it('without impersonation headers the authenticated user passes unchanged', async () => {
    const r = await get('alice', []);
    expect(r.body.user).to.deep.equal({ name: 'alice', groups: ['system:authenticated', 'team-alice'] });
    expect(r.body.original).to.equal(null);
    expect(asked).to.have.length(0);
  });

  it('an allowed Impersonate-User acts as that user with system:authenticated, keeping the original for audit', async () => {
    const r = await get('alice', [['Impersonate-User', 'bob']]);
    expect(r.status).to.equal(200);
    expect(r.body.user).to.deep.equal({ name: 'bob', groups: ['system:authenticated'] });
    expect(r.body.impersonated).to.deep.equal(r.body.user);
    expect(r.body.original.name).to.equal('alice');
    expect(r.body.left).to.deep.equal([]);
    expect(asked).to.deep.equal([
      {
        user: { name: 'alice', groups: ['system:authenticated', 'team-alice'] },
        verb: 'impersonate',
        resourceRequest: true,
        apiGroup: '',
        apiVersion: '',
        name: 'bob',
        resource: 'users',
      },
    ]);
  });

  it("a refused impersonation is kube's 403 naming the user and the users resource", async () => {
    const r = await get('alice', [['Impersonate-User', 'carol']]);
    expect(r.status).to.equal(403);
    expect(r.body).to.include({ kind: 'Status', reason: 'Forbidden', code: 403 });
    expect(r.body.message).to.equal('users "carol" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope: no RBAC policy matched');
    expect(r.body.details).to.include({ name: 'carol', kind: 'users' });
  });

  it("groups, uid and percent-encoded extra are each authorized and become the user's", async () => {
    const r = await get('admin', [
      ['Impersonate-User', 'bob'],
      ['Impersonate-Group', 'devs'],
      ['Impersonate-Group', 'ops'],
      ['Impersonate-Uid', 'u-1'],
      ['Impersonate-Extra-Scopes', 'view'],
      ['Impersonate-Extra-Scopes', 'edit'],
      ['Impersonate-Extra-Example.com%2fteam', 'blue'],
    ]);
    expect(r.status).to.equal(200);
    expect(r.body.user).to.deep.equal({
      name: 'bob',
      uid: 'u-1',
      groups: ['devs', 'ops', 'system:authenticated'],
      extra: { scopes: ['view', 'edit'], 'example.com/team': ['blue'] },
    });
    expect(asked.map((a) => [a.resource, a.subresource ?? '', a.apiGroup, a.name])).to.deep.equal([
      ['users', '', '', 'bob'],
      ['groups', '', '', 'devs'],
      ['groups', '', '', 'ops'],
      ['userextras', 'scopes', 'authentication.k8s.io', 'view'],
      ['userextras', 'scopes', 'authentication.k8s.io', 'edit'],
      ['userextras', 'example.com/team', 'authentication.k8s.io', 'blue'],
      ['uids', '', 'authentication.k8s.io', 'u-1'],
    ]);
    expect(r.body.left).to.deep.equal([]);
  });

  it('a ServiceAccount user is authorized as serviceaccounts in its namespace and gets its groups', async () => {
    const r = await get('admin', [['Impersonate-User', 'system:serviceaccount:kube-system:builder']]);
    expect(r.body.user).to.deep.equal({
      name: 'system:serviceaccount:kube-system:builder',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    });
    expect(asked[0]).to.include({ resource: 'serviceaccounts', namespace: 'kube-system', name: 'builder', apiGroup: '' });
    const refused = await get('alice', [['Impersonate-User', 'system:serviceaccount:kube-system:builder']]);
    expect(refused.body.message).to.equal(
      'serviceaccounts "builder" is forbidden: User "alice" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system": no RBAC policy matched',
    );
  });

  it('a malformed ServiceAccount name is impersonated as a plain user', async () => {
    await get('admin', [['Impersonate-User', 'system:serviceaccount:Kube_System:builder']]);
    expect(asked[0]).to.include({ resource: 'users', name: 'system:serviceaccount:Kube_System:builder' });
  });

  it('system:anonymous is unauthenticated, and asked groups that say so are kept as they are', async () => {
    expect((await get('admin', [['Impersonate-User', 'system:anonymous']])).body.user.groups).to.deep.equal(['system:unauthenticated']);
    const r = await get('admin', [
      ['Impersonate-User', 'x'],
      ['Impersonate-Group', 'system:unauthenticated'],
    ]);
    expect(r.body.user.groups).to.deep.equal(['system:unauthenticated']);
  });

  it('groups without a user are a plain-text 500 as kube answers', async () => {
    const r = await get('admin', [['Impersonate-Group', 'devs']], '/api/v1/pods?limit=1');
    expect(r.status).to.equal(500);
    expect(r.type).to.equal('text/plain; charset=utf-8');
    expect(r.text).to.equal('Internal Server Error: "/api/v1/pods?limit=1": requested [{Group  devs    }] without impersonating a user\n');
    expect(asked).to.have.length(0);
  });
});
