import { expect } from 'chai';
import type { KObject, RequestContext } from '@kapi/apiserver-core';
import { invalid, modify, newNetworkingTestStorage, type NetworkingTestStorage } from '../testing/networking-test-storage';

const ctx: RequestContext = { namespace: 'default' };
const ingress = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, annotations },
  spec,
});
const backend = (name: string, port: Record<string, unknown> = { number: 80 }) => ({ service: { name, port } });
const rule = (host: string | undefined, path: string, pathType: string | undefined, b: unknown = backend('web')) => ({
  host,
  http: { paths: [{ path, pathType, backend: b }] },
});

describe('networking.k8s.io/v1 Ingress', () => {
  let s: NetworkingTestStorage;
  beforeEach(async () => (s = await newNetworkingTestStorage()));
  afterEach(() => s.backend.destroy());

  it('needs rules or a default backend, and a pathType on every path', async () => {
    expect(await invalid(s.ingresses.create(ctx, ingress('i', {}), undefined, {}))).to.equal(
      'Ingress.networking.k8s.io "i" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    );
    expect(await invalid(s.ingresses.create(ctx, ingress('i', { rules: [] }), undefined, {}))).to.equal(
      'Ingress.networking.k8s.io "i" is invalid: spec: Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified',
    );
    expect(await invalid(s.ingresses.create(ctx, ingress('i', { rules: [rule('foo.com', '/', undefined)] }), undefined, {}))).to.equal(
      'Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    );
  });

  it("validates hosts, paths, backends, TLS and the class with kube-apiserver's messages", async () => {
    const msg = await invalid(
      s.ingresses.create(
        ctx,
        ingress('i', {
          ingressClassName: 'Nginx',
          defaultBackend: { service: { name: 'web', port: { name: 'http', number: 80 } } },
          rules: [
            rule('10.0.0.1', 'api', 'Prefix'),
            rule('*.*.foo.com', '/a//b/..', 'Exact', backend('9web', { number: 0 })),
            rule(undefined, '/x', 'Regex', { resource: { kind: 'Bucket', name: 'a/b' }, service: { name: 'web' } }),
            rule('foo.com', 'relative', 'ImplementationSpecific', { resource: { apiGroup: 'k8s.example.com', name: 'cfg' } }),
          ],
          tls: [{ hosts: ['Foo.com'], secretName: 'Bad_Secret' }],
        }),
        undefined,
        {},
      ),
    );
    expect(msg).to.equal(
      'Ingress.networking.k8s.io "i" is invalid: [' +
        [
          'spec.defaultBackend: Invalid value: "": cannot set both port name & port number',
          'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
          'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
          "spec.rules[1].host: Invalid value: \"*.*.foo.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
          'spec.rules[1].http.paths[0].path: Invalid value: "/a//b/..": must not contain \'//\'',
          'spec.rules[1].http.paths[0].path: Invalid value: "/a//b/..": cannot end with \'/..\'',
          "spec.rules[1].http.paths[0].backend.service.name: Invalid value: \"9web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
          'spec.rules[1].http.paths[0].backend: Required value: port name or number is required',
          'spec.rules[2].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
          'spec.rules[2].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends',
          'spec.rules[3].http.paths[0].path: Invalid value: "relative": must be an absolute path',
          'spec.rules[3].http.paths[0].backend.resource.kind: Required value: kind is required',
          "spec.tls[0].hosts[0]: Invalid value: \"Foo.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
          "spec.tls[0].secretName: Invalid value: \"Bad_Secret\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
          "spec.ingressClassName: Invalid value: \"Nginx\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ].join(', ') +
        ']',
    );
  });

  it('refuses a class annotation that contradicts ingressClassName on create', async () => {
    expect(
      await invalid(
        s.ingresses.create(ctx, ingress('i', { ingressClassName: 'nginx', defaultBackend: backend('web') }, { 'kubernetes.io/ingress.class': 'traefik' }), undefined, {}),
      ),
    ).to.equal(
      'Ingress.networking.k8s.io "i" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    );
  });

  it('warns that the class annotation is deprecated when it stands alone', async () => {
    const annotated: RequestContext = { namespace: 'default' };
    await s.ingresses.create(annotated, ingress('a', { defaultBackend: backend('web') }, { 'kubernetes.io/ingress.class': 'nginx' }), undefined, {});
    expect(annotated.warnings).to.deep.equal([`annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`]);
    const both: RequestContext = { namespace: 'default' };
    await s.ingresses.create(both, ingress('b', { ingressClassName: 'nginx', defaultBackend: backend('web') }, { 'kubernetes.io/ingress.class': 'nginx' }), undefined, {});
    expect(both.warnings ?? []).to.deep.equal([]);
  });

  it('drops status on create, keeps it on update, and /status writes only status (validated)', async () => {
    const created = await s.ingresses.create(
      ctx,
      { ...ingress('i', { rules: [rule('foo.com', '/', 'Prefix')] }), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } },
      undefined,
      {},
    );
    expect(created.status).to.equal(undefined);
    expect(created.metadata?.generation).to.equal(1);
    const { obj } = await s.ingressStatus.update(
      ctx,
      'i',
      modify((o) => {
        o.status = { loadBalancer: { ingress: [{ ip: '192.0.2.10' }, { hostname: 'lb.example.com' }] } };
        (o.spec as { rules: unknown[] }).rules = [];
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.status).to.deep.equal({ loadBalancer: { ingress: [{ ip: '192.0.2.10' }, { hostname: 'lb.example.com' }] } });
    expect((obj.spec as { rules: unknown[] }).rules).to.have.length(1);
    expect(
      await invalid(
        s.ingressStatus.update(
          ctx,
          'i',
          modify((o) => (o.status = { loadBalancer: { ingress: [{ ip: 'x', hostname: '10.0.0.1' }] } })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal(
      'Ingress.networking.k8s.io "i" is invalid: [status.loadBalancer.ingress[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), ' +
        'status.loadBalancer.ingress[0].hostname: Invalid value: "10.0.0.1": must be a DNS name, not an IP address]',
    );
    const updated = await s.ingresses.update(
      ctx,
      'i',
      modify((o) => {
        o.status = {};
        (o.spec as { ingressClassName: string }).ingressClassName = 'nginx';
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(updated.obj.status).to.deep.equal(obj.status);
    expect(updated.obj.metadata?.generation).to.equal(2);
  });

  it('prints NAME CLASS HOSTS ADDRESS PORTS AGE', async () => {
    const a = await s.ingresses.create(
      ctx,
      ingress('a', {
        ingressClassName: 'nginx',
        rules: [rule('a.com', '/', 'Prefix'), rule('b.com', '/', 'Prefix'), rule(undefined, '/', 'Prefix'), rule('d.com', '/', 'Prefix'), rule('e.com', '/', 'Prefix')],
        tls: [{ hosts: ['a.com'], secretName: 'a-tls' }],
      }),
      undefined,
      {},
    );
    await s.ingressStatus.update(
      ctx,
      'a',
      modify((o) => (o.status = { loadBalancer: { ingress: [{ ip: '192.0.2.20' }, { ip: '192.0.2.10' }, { hostname: 'lb.example.com' }] } })),
      undefined,
      undefined,
      false,
      {},
    );
    const withStatus = await s.ingresses.get(ctx, 'a', {});
    const b = await s.ingresses.create(ctx, ingress('b', { defaultBackend: backend('web') }), undefined, {});
    const table = await s.ingresses.convertToTable(ctx, { apiVersion: 'v1', kind: 'List', metadata: {}, items: [withStatus, b] } as never, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
    expect(table.rows.map((r) => r.cells.slice(0, 5))).to.deep.equal([
      ['a', 'nginx', 'a.com,b.com,d.com + 2 more...', '192.0.2.10,192.0.2.20,lb.example.com', '80, 443'],
      ['b', '<none>', '*', '', '80'],
    ]);
    expect(a.metadata?.name).to.equal('a');
  });
});
