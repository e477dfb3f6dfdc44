import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';

const manifest = readFileSync(path.join(__dirname, 'fixtures', 'every-kind', 'networking.yaml'), 'utf8');

/** networking.k8s.io/v1 through the real kubectl: apply (client- and server-side), columns, typed creates, status, validation, delete. */
describe('networking.k8s.io/v1 through kubectl', function () {
  this.timeout(90_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  const get = async (args: string[]) => kubectlOk(server.url, ['get', ...args]);

  it("lists the group in discovery with kube's names, short names and scopes", async () => {
    const out = await kubectlOk(server.url, ['api-resources', '--api-group=networking.k8s.io', '--no-headers']);
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    expect(rows).to.deep.equal([
      ['ingressclasses', 'networking.k8s.io/v1', 'false', 'IngressClass'],
      ['ingresses', 'ing', 'networking.k8s.io/v1', 'true', 'Ingress'],
      ['networkpolicies', 'netpol', 'networking.k8s.io/v1', 'true', 'NetworkPolicy'],
    ]);
  });

  it("kubectl explain reads the kinds' fields from the served OpenAPI", async () => {
    expect(await kubectlOk(server.url, ['explain', 'ingress.spec.rules.http.paths'])).to.match(/pathType\t<string> -required-/);
    expect(await kubectlOk(server.url, ['explain', 'networkpolicy.spec.ingress.from'])).to.match(/ipBlock\t<IPBlock>/);
    expect(await kubectlOk(server.url, ['explain', 'ingressclass.spec'])).to.match(/controller\t<string>/);
  });

  it("applies every kind, prints kube's columns and diffs empty (client-side, then server-side apply)", async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    expect(await get(['ingressclass', 'nginx'])).to.match(
      /^NAME\s+CONTROLLER\s+PARAMETERS\s+AGE\nnginx\s+k8s\.io\/ingress-nginx\s+IngressParameters\.k8s\.example\.com\/external-lb\s+\d+s\n$/,
    );
    expect(await get(['ing', 'shop'])).to.match(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nshop\s+nginx\s+shop\.example\.com\s+80, 443\s+\d+s\n$/);
    expect(await get(['netpol', 'db-allow-api'])).to.match(/^NAME\s+POD-SELECTOR\s+AGE\ndb-allow-api\s+app=db\s+\d+s\n$/);
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect(diff.stdout).to.equal('');
    expect(diff.code).to.equal(0);
    await kubectlOk(server.url, ['apply', '--server-side', '-f', '-'], { input: manifest });
    const ssaDiff = await kubectl(server.url, ['diff', '--server-side', '-f', '-'], { input: manifest });
    expect(ssaDiff.stdout).to.equal('');
    expect(ssaDiff.code).to.equal(0);
    const described = await kubectlOk(server.url, ['describe', 'ing', 'shop']);
    expect(described).to.match(/^Name:\s+shop\n/);
    expect(described).to.match(/TLS:\n\s+shop-tls terminates shop\.example\.com/);
    expect(await kubectlOk(server.url, ['describe', 'netpol', 'db-allow-api'])).to.match(/PodSelector:\s+app=db/);
  });

  it("stores kube's defaults: the netpol port protocol and the parameters scope", async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    await kubectlOk(server.url, ['apply', '-f', '-'], {
      input: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all}\nspec:\n  podSelector: {}\n  egress:\n  - ports: [{port: 443}]\n',
    });
    const np = JSON.parse(await get(['netpol', 'deny-all', '-o', 'json']));
    expect(np.spec).to.deep.equal({ podSelector: {}, egress: [{ ports: [{ port: 443, protocol: 'TCP' }] }], policyTypes: ['Ingress', 'Egress'] });
    expect(np.metadata.generation).to.equal(1);
    expect((await get(['netpol', 'deny-all', '--no-headers'])).trim()).to.match(/^deny-all\s+<none>\s+\d+s$/);
    await kubectlOk(server.url, ['apply', '-f', '-'], {
      input: 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: haproxy}\nspec:\n  controller: haproxy.org/ingress\n  parameters: {kind: Config, name: lb}\n',
    });
    const ic = JSON.parse(await get(['ingressclass', 'haproxy', '-o', 'json']));
    expect(ic.spec.parameters).to.deep.equal({ kind: 'Config', name: 'lb', scope: 'Cluster' });
  });

  it('kubectl create ingress with rules, TLS, a class and a default backend', async () => {
    await kubectlOk(server.url, ['create', 'ingress', 'simple', '--rule=foo.com/bar=svc1:8080,tls=my-cert']);
    await kubectlOk(server.url, ['create', 'ingress', 'default', '--class=default', '--default-backend=svc:80']);
    const simple = JSON.parse(await get(['ingress', 'simple', '-o', 'json']));
    expect(simple.spec).to.deep.equal({
      rules: [{ host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Exact', backend: { service: { name: 'svc1', port: { number: 8080 } } } }] } }],
      tls: [{ hosts: ['foo.com'], secretName: 'my-cert' }],
    });
    const dflt = JSON.parse(await get(['ingress', 'default', '-o', 'json']));
    expect(dflt.spec).to.deep.equal({ ingressClassName: 'default', defaultBackend: { service: { name: 'svc', port: { number: 80 } } } });
    expect((await get(['ingress', 'default', '--no-headers'])).trim()).to.match(/^default\s+default\s+\*\s+80\s+\d+s$/);
  });

  it('ingresses/status carries the load balancer address kubectl prints; the main resource ignores status', async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    await kubectlOk(server.url, ['patch', 'ing', 'shop', '--subresource=status', '--type=merge', '-p', '{"status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.10"}]}}}']);
    await kubectlOk(server.url, ['patch', 'ing', 'shop', '--type=merge', '-p', '{"status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.99"}]}}}']);
    expect((await get(['ing', 'shop', '--no-headers'])).trim()).to.match(/^shop\s+nginx\s+shop\.example\.com\s+192\.0\.2\.10\s+80, 443\s+\d+s$/);
    const bad = await kubectl(server.url, [
      'patch',
      'ing',
      'shop',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"loadBalancer":{"ingress":[{"hostname":"10.0.0.1"}]}}}',
    ]);
    expect(bad.stderr).to.include('status.loadBalancer.ingress[0].hostname: Invalid value: "10.0.0.1": must be a DNS name, not an IP address');
  });

  it("refuses bad objects with kube's 422 causes and stores nothing", async () => {
    const bad = await kubectl(server.url, ['apply', '-f', '-'], {
      input:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: broken}\nspec:\n  rules:\n  - host: foo.com\n    http:\n      paths:\n      - path: /\n        backend: {service: {name: web, port: {number: 80}}}\n',
    });
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr).to.include('The Ingress "broken" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
    expect((await kubectl(server.url, ['get', 'ing', 'broken'])).stderr).to.include('NotFound');
    const unknown = await kubectl(server.url, ['apply', '-f', '-'], {
      input: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: typo}\nspec:\n  podSelector: {}\n  policyType: [Ingress]\n',
    });
    expect(unknown.stderr).to.include('strict decoding error: unknown field "spec.policyType"');
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    const immutable = await kubectl(server.url, ['patch', 'ingressclass', 'nginx', '--type=merge', '-p', '{"spec":{"controller":"example.com/other"}}']);
    expect(immutable.stderr).to.include('spec.controller: Invalid value: "example.com/other": field is immutable');
  });

  it('deletes every kind of the manifest', async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    await kubectlOk(server.url, ['delete', '-f', '-'], { input: manifest });
    const left = await kubectl(server.url, ['get', '-f', '-'], { input: manifest });
    expect(left.stderr.match(/NotFound/g)).to.have.length(3);
  });

  it('an Ingress created without a class gets the default IngressClass (DefaultIngressClass admission)', async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], {
      input:
        'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public\n  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}\nspec: {controller: example.com/lb}\n',
    });
    await kubectlOk(server.url, ['create', 'ingress', 'auto', '--rule=auto.example.com/=web:80']);
    expect((await get(['ing', 'auto', '--no-headers'])).trim()).to.match(/^auto\s+public\s+auto\.example\.com\s+80\s+\d+s$/);
    const annotated = await kubectl(server.url, ['create', 'ingress', 'legacy', '--rule=legacy.example.com/=web:80', '--annotation=kubernetes.io/ingress.class=nginx']);
    expect(annotated.stderr).to.include(`Warning: annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`);
    expect((await get(['ing', 'legacy', '--no-headers'])).trim()).to.match(/^legacy\s+<none>\s+/);
    await kubectlOk(server.url, ['apply', '--server-side', '-f', '-'], {
      input: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: applied}\nspec:\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n',
    });
    expect(JSON.parse(await get(['ing', 'applied', '-o', 'json'])).spec.ingressClassName).to.equal('public');
    await kubectlOk(server.url, ['delete', 'ing', 'auto', 'legacy', 'applied']);
    await kubectlOk(server.url, ['delete', 'ingressclass', 'public']);
  });

  it('--runtime-config turns ingresses off and keeps the rest of networking.k8s.io/v1', async () => {
    const off = await createTestServer({ runtimeConfig: { 'networking.k8s.io/v1/ingresses': 'false' } });
    try {
      const names = (await kubectlOk(off.url, ['api-resources', '--api-group=networking.k8s.io', '-o', 'name'])).trim().split('\n');
      expect(names).to.deep.equal(['ingressclasses.networking.k8s.io', 'networkpolicies.networking.k8s.io']);
      expect((await fetch(`${off.url}/apis/networking.k8s.io/v1/namespaces/default/ingresses`)).status).to.equal(404);
    } finally {
      await off.close();
    }
  });
});
