import { expect } from 'chai';
import type { Context } from 'koa';
import { resolveRequestInfo } from './request-info';
import { parseGoDuration } from '../../util/duration';

const ctx = (method: string, url: string): Context => {
  const u = new URL(url, 'http://x');
  return { method, path: u.pathname, query: Object.fromEntries(u.searchParams) } as unknown as Context;
};

describe('filters: RequestInfo from the path', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['GET', '/api/v1/namespaces/ns/configmaps/a', { verb: 'get', apiGroup: '', namespace: 'ns', resource: 'configmaps', name: 'a' }],
    ['GET', '/api/v1/namespaces/ns/configmaps', { verb: 'list', namespace: 'ns', resource: 'configmaps', name: '' }],
    ['GET', '/api/v1/configmaps?watch=true', { verb: 'watch', namespace: '', resource: 'configmaps' }],
    ['GET', '/api/v1/watch/namespaces/ns/configmaps', { verb: 'watch', namespace: 'ns', resource: 'configmaps' }],
    ['POST', '/apis/apps/v1/namespaces/ns/deployments', { verb: 'create', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments' }],
    ['PUT', '/apis/apps/v1/namespaces/ns/deployments/d/scale', { verb: 'update', name: 'd', subresource: 'scale' }],
    ['DELETE', '/api/v1/namespaces/ns/configmaps', { verb: 'deletecollection' }],
    ['DELETE', '/api/v1/namespaces/gone', { verb: 'delete', namespace: 'gone', resource: 'namespaces', name: 'gone' }],
    // The namespace's own subresources (kube's namespaceSubresources): the namespace-controller's RBAC names namespaces/status and namespaces/finalize.
    ['PUT', '/api/v1/namespaces/gone/status', { verb: 'update', namespace: 'gone', resource: 'namespaces', name: 'gone', subresource: 'status' }],
    ['PUT', '/api/v1/namespaces/gone/finalize', { verb: 'update', namespace: 'gone', resource: 'namespaces', name: 'gone', subresource: 'finalize' }],
    [
      'GET',
      '/api/v1/namespaces/kube-system/configmaps?fieldSelector=metadata.name%3Dextension-apiserver-authentication&watch=true',
      { verb: 'watch', resource: 'configmaps', name: 'extension-apiserver-authentication' },
    ],
    ['GET', '/api/v1/namespaces/ns/configmaps?fieldSelector=type%3Dx,metadata.name%3D%3Da', { verb: 'list', name: 'a' }],
    ['GET', '/api/v1/namespaces/ns/configmaps?fieldSelector=metadata.name!%3Da', { verb: 'list', name: '' }],
    ['GET', '/api/v1/namespaces/ns/configmaps?fieldSelector=metadata.name%3Da%2Fb', { verb: 'list', name: '' }],
    ['PATCH', '/api/v1/nodes/n1/status', { verb: 'patch', namespace: '', resource: 'nodes', name: 'n1', subresource: 'status' }],
  ];
  for (const [method, url, want] of cases) {
    it(`${method} ${url}`, () => {
      expect(resolveRequestInfo(ctx(method, url))).to.include(want);
    });
  }

  it('non-resource paths have none', () => {
    for (const p of ['/healthz', '/metrics', '/api', '/apis', '/apis/apps', '/openapi/v2']) expect(resolveRequestInfo(ctx('GET', p)), p).to.equal(undefined);
  });
});

describe('filters: ?timeout= durations', () => {
  it('parses Go durations', () => {
    expect(parseGoDuration('30s')).to.equal(30_000);
    expect(parseGoDuration('1m30s')).to.equal(90_000);
    expect(parseGoDuration('250ms')).to.equal(250);
    expect(parseGoDuration('1.5h')).to.equal(5_400_000);
    expect(parseGoDuration('0')).to.equal(0);
  });
  it('rejects the rest', () => {
    for (const bad of ['', 'soon', '10', '5x', 's']) expect(parseGoDuration(bad), bad).to.equal(undefined);
  });
});
