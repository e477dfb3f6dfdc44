import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/node.yaml'), 'utf8');

/** node.k8s.io/v1 through the real kubectl: apply (client- and server-side), columns, diff, bad input, delete. */
describe('node.k8s.io/v1 through kubectl', function () {
  this.timeout(120_000);
  let server: KapiServer;
  const k = (args: string[], input?: string) => kubectl(server.url, args, { input });
  const ok = (args: string[], input?: string) => kubectlOk(server.url, args, { input });
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  it('kubectl api-resources lists the group as kube-apiserver 1.32 does', async () => {
    const rows = (await ok(['api-resources', '--api-group=node.k8s.io', '-o', 'wide', '--no-headers']))
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    expect(rows).to.deep.equal([['runtimeclasses', 'node.k8s.io/v1', 'false', 'RuntimeClass', 'create,delete,deletecollection,get,list,patch,update,watch']]);
  });

  it('applies a RuntimeClass client-side and server-side; diff is empty; NAME HANDLER AGE', async () => {
    expect(await ok(['apply', '-f', '-'], manifest)).to.equal('runtimeclass.node.k8s.io/gvisor created\n');
    expect(await ok(['apply', '--server-side', '-f', '-'], manifest)).to.equal('runtimeclass.node.k8s.io/gvisor serverside-applied\n');
    const diff = await k(['diff', '-f', '-'], manifest);
    expect([diff.code, diff.stdout, diff.stderr]).to.deep.equal([0, '', '']);
    const lines = (await ok(['get', 'runtimeclasses']))
      .trim()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    expect(lines[0]).to.deep.equal(['NAME', 'HANDLER', 'AGE']);
    expect(lines[1].slice(0, 2)).to.deep.equal(['gvisor', 'runsc']);
    const rc = JSON.parse(await ok(['get', 'runtimeclass', 'gvisor', '-o', 'json']));
    expect(rc.overhead).to.deep.equal({ podFixed: { cpu: '250m', memory: '120Mi' } });
  });

  it("refuses a bad handler and a changed one with kube's messages; nothing is stored", async () => {
    const bad = await k(['apply', '-f', '-'], manifest.replace('name: gvisor', 'name: bad').replace('handler: runsc', 'handler: Run_SC'));
    expect(bad.stderr).to.include(
      'The RuntimeClass "bad" is invalid: handler: Invalid value: "Run_SC": a lowercase RFC 1123 label must consist of lower case alphanumeric characters',
    );
    expect((await k(['get', 'runtimeclass', 'bad'])).code).to.equal(1);
    const changed = await k(['patch', 'runtimeclass', 'gvisor', '--type=merge', '-p', '{"handler":"kata"}']);
    expect(changed.stderr.trim()).to.equal('The RuntimeClass "gvisor" is invalid: handler: Invalid value: "kata": field is immutable');
  });

  it('deletes what it applied', async () => {
    expect(await ok(['delete', '-f', '-'], manifest)).to.equal('runtimeclass.node.k8s.io "gvisor" deleted\n');
    expect(await ok(['get', 'runtimeclasses', '-o', 'name'])).to.equal('');
  });
});
