import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { eventually } from './support/eventually';
import { kubectl, kubectlOk } from './support/kubectl';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/scheduling.yaml'), 'utf8');

/** scheduling.k8s.io/v1 through the real kubectl: the bootstrapped system classes, apply, columns, create, kube's refusals, delete. */
describe('scheduling.k8s.io/v1 through kubectl', function () {
  this.timeout(120_000);
  let server: KapiServer;
  const k = (args: string[], input?: string) => kubectl(server.url, args, { input });
  const ok = (args: string[], input?: string) => kubectlOk(server.url, args, { input });
  const row = async (args: string[]) => (await ok(['get', ...args, '--no-headers'])).trim().split(/\s+/);
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  it('kubectl api-resources lists the group as kube-apiserver 1.32 does', async () => {
    const rows = (await ok(['api-resources', '--api-group=scheduling.k8s.io', '-o', 'wide', '--no-headers']))
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    expect(rows).to.deep.equal([['priorityclasses', 'pc', 'scheduling.k8s.io/v1', 'false', 'PriorityClass', 'create,delete,deletecollection,get,list,patch,update,watch']]);
  });

  it("serves kube's two system classes, which cannot be deleted", async () => {
    const out = await eventually(async () => {
      const text = await ok(['get', 'pc', '--no-headers']);
      expect(text).to.include('system-node-critical');
      return text;
    });
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/));
    expect(rows.map((r) => [r[0], r[1], r[2], r[4]])).to.deep.equal([
      ['system-cluster-critical', '2000000000', 'false', 'PreemptLowerPriority'],
      ['system-node-critical', '2000001000', 'false', 'PreemptLowerPriority'],
    ]);
    const del = await k(['delete', 'pc', 'system-cluster-critical']);
    expect(del.stderr.trim()).to.equal(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-cluster-critical" is forbidden: this is a system priority class and cannot be deleted',
    );
  });

  it("applies client-side and server-side; diff is empty; the header is kube's", async () => {
    expect(await ok(['apply', '-f', '-'], manifest)).to.equal('priorityclass.scheduling.k8s.io/shop-critical created\n');
    expect(await ok(['apply', '--server-side', '-f', '-'], manifest)).to.equal('priorityclass.scheduling.k8s.io/shop-critical serverside-applied\n');
    const diff = await k(['diff', '-f', '-'], manifest);
    expect([diff.code, diff.stdout, diff.stderr]).to.deep.equal([0, '', '']);
    const header = (await ok(['get', 'priorityclasses', 'shop-critical'])).split('\n')[0].split(/\s{2,}/);
    expect(header).to.deep.equal(['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']);
  });

  it('kubectl create priorityclass, with a global default that must stay the only one', async () => {
    expect(await ok(['create', 'priorityclass', 'high', '--value=1000'])).to.equal('priorityclass.scheduling.k8s.io/high created\n');
    expect(JSON.parse(await ok(['get', 'pc', 'high', '-o', 'json']))).to.deep.include({ value: 1000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(await ok(['create', 'priorityclass', 'fallback', '--value=10', '--global-default', '--description=pods without a class'])).to.equal(
      'priorityclass.scheduling.k8s.io/fallback created\n',
    );
    expect(JSON.parse(await ok(['get', 'pc', 'fallback', '-o', 'json']))).to.deep.include({ value: 10, globalDefault: true, description: 'pods without a class' });
    const second = await k(['create', 'priorityclass', 'higher', '--value=2000', '--global-default', '--preemption-policy=Never']);
    expect(second.stderr.trim()).to.equal(
      'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "higher" is forbidden: PriorityClass fallback is already marked as default. Only one default can exist',
    );
    expect((await k(['get', 'pc', 'higher'])).code).to.equal(1);
    const marked = await k(['patch', 'pc', 'high', '--type=merge', '-p', '{"globalDefault":true}']);
    expect(marked.stderr.trim()).to.equal(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "high" is forbidden: PriorityClass fallback is already marked as default. Only one default can exist',
    );
    expect((await row(['pc', 'fallback']))[2]).to.equal('true');
  });

  it("refuses reserved names, values and changes with kube's messages", async () => {
    const reserved = await k(['create', 'priorityclass', 'system-mine', '--value=10']);
    expect(reserved.stderr.trim()).to.equal(
      'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "system-mine" is invalid: metadata.name: Forbidden: priority class names with \'system-\' prefix are reserved for system use only. error: system-mine is not a known system priority class',
    );
    const huge = await k(['create', 'priorityclass', 'huge', '--value=1000000001']);
    expect(huge.stderr).to.include('value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
    const value = await k(['patch', 'pc', 'shop-critical', '--type=merge', '-p', '{"value":5}']);
    expect(value.stderr.trim()).to.equal('The PriorityClass "shop-critical" is invalid: value: Forbidden: may not be changed in an update.');
    expect(JSON.parse(await ok(['get', 'pc', 'shop-critical', '-o', 'json'])).value).to.equal(100000);
  });

  it('deletes what it created', async () => {
    expect(await ok(['delete', '-f', '-'], manifest)).to.equal('priorityclass.scheduling.k8s.io "shop-critical" deleted\n');
    expect(await ok(['delete', 'pc', 'high', 'fallback'])).to.equal('priorityclass.scheduling.k8s.io "high" deleted\npriorityclass.scheduling.k8s.io "fallback" deleted\n');
    expect((await ok(['get', 'pc', '-o', 'name'])).trim().split('\n')).to.deep.equal([
      'priorityclass.scheduling.k8s.io/system-cluster-critical',
      'priorityclass.scheduling.k8s.io/system-node-critical',
    ]);
  });
});
