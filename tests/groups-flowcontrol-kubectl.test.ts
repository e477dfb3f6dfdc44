import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { eventually } from './support/eventually';
import { kubectl, kubectlOk } from './support/kubectl';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/flowcontrol.yaml'), 'utf8');
const kinds = ['prioritylevelconfiguration.flowcontrol.apiserver.k8s.io/batch-jobs', 'flowschema.flowcontrol.apiserver.k8s.io/batch-jobs'];

/** flowcontrol.apiserver.k8s.io/v1 through the real kubectl: the bootstrap configuration, apply both ways, columns, validation, delete. */
describe('flowcontrol.apiserver.k8s.io/v1 through kubectl', function () {
  this.timeout(90_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  const ok = (args: string[], input?: string) => kubectlOk(server.url, args, { input });
  const rows = async (resource: string) =>
    (await ok(['get', resource, '--no-headers']))
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));

  it("serves kube-apiserver 1.32's bootstrap configuration once the server runs", async () => {
    await eventually(async () => expect((await rows('prioritylevelconfigurations')).length).to.equal(8));
    const levels = await rows('prioritylevelconfigurations');
    const header = (await ok(['get', 'prioritylevelconfigurations'])).split('\n')[0].split(/\s+/);
    expect(header).to.deep.equal(['NAME', 'TYPE', 'NOMINALCONCURRENCYSHARES', 'QUEUES', 'HANDSIZE', 'QUEUELENGTHLIMIT', 'AGE']);
    expect(levels.map((r) => r.slice(0, 6))).to.deep.include.members([
      ['catch-all', 'Limited', '5', '<none>', '<none>', '<none>'],
      ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>'],
      ['workload-low', 'Limited', '100', '128', '6', '50'],
      ['leader-election', 'Limited', '10', '16', '4', '50'],
    ]);
    await eventually(async () => expect((await rows('flowschemas')).length).to.equal(13));
    const fsHeader = (await ok(['get', 'flowschemas'])).split('\n')[0].split(/\s+/);
    expect(fsHeader).to.deep.equal(['NAME', 'PRIORITYLEVEL', 'MATCHINGPRECEDENCE', 'DISTINGUISHERMETHOD', 'AGE', 'MISSINGPL']);
    const schemas = await rows('flowschemas');
    expect(schemas.map((r) => r.slice(0, 4))).to.deep.include.members([
      ['exempt', 'exempt', '1', '<none>'],
      ['probes', 'exempt', '2', '<none>'],
      ['kube-controller-manager', 'workload-high', '800', 'ByNamespace'],
      ['catch-all', 'catch-all', '10000', 'ByUser'],
    ]);
    // The Dangling condition follows whether the level exists: MISSINGPL False for the bootstrap schemas, as on kube.
    await eventually(async () => expect((await rows('flowschemas')).map((r) => r[5])).to.deep.equal(new Array(13).fill('False')));
    const exempt = JSON.parse(await ok(['get', 'flowschema', 'exempt', '-o', 'json']));
    expect(exempt.metadata.annotations).to.deep.equal({ 'apf.kubernetes.io/autoupdate-spec': 'true' });
  });

  it('kubectl apply creates both kinds with their defaults and diff is empty', async () => {
    const out = await ok(['apply', '-f', '-'], manifest);
    for (const k of kinds) expect(out).to.include(`${k} created`);
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
    const fs = await rows('flowschema/batch-jobs');
    expect(fs[0].slice(0, 4)).to.deep.equal(['batch-jobs', 'batch-jobs', '5000', 'ByNamespace']);
    const pl = await rows('prioritylevelconfiguration/batch-jobs');
    expect(pl[0].slice(0, 6)).to.deep.equal(['batch-jobs', 'Limited', '10', '32', '4', '25']);
  });

  it("refuses invalid specs and changes to mandatory objects with kube's messages", async () => {
    const bad = await kubectl(server.url, [
      'patch',
      'prioritylevelconfiguration',
      'batch-jobs',
      '--type=merge',
      '-p',
      '{"spec":{"limited":{"limitResponse":{"queuing":{"handSize":40}}}}}',
    ]);
    expect(bad.stderr).to.include('spec.limited.limitResponse.queuing.handSize: Invalid value: 40: should not be greater than queues (32)');
    const mandatory = await kubectl(server.url, ['patch', 'flowschema', 'catch-all', '--type=merge', '-p', '{"spec":{"matchingPrecedence":9000}}']);
    expect(mandatory.stderr).to.match(/The FlowSchema "catch-all" is invalid: spec: Invalid value: .*: spec of 'catch-all' must equal the fixed value/);
    const one = await kubectl(server.url, ['patch', 'flowschema', 'batch-jobs', '--type=merge', '-p', '{"spec":{"matchingPrecedence":1}}']);
    expect(one.stderr).to.include("spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1");
  });

  it('shows MISSINGPL True while a schema names a missing level; writes status only through /status', async () => {
    await eventually(async () => expect((await rows('flowschema/batch-jobs'))[0][5]).to.equal('False'));
    await ok(['patch', 'flowschema', 'batch-jobs', '--type=merge', '-p', '{"spec":{"priorityLevelConfiguration":{"name":"nowhere"}}}']);
    await eventually(async () => expect((await rows('flowschema/batch-jobs'))[0][5]).to.equal('True'));
    await ok(['patch', 'flowschema', 'batch-jobs', '--type=merge', '-p', '{"spec":{"priorityLevelConfiguration":{"name":"batch-jobs"}}}']);
    await eventually(async () => expect((await rows('flowschema/batch-jobs'))[0][5]).to.equal('False'));
    await ok(['patch', 'flowschema', 'batch-jobs', '--type=merge', '-p', '{"status":{"conditions":[{"type":"Other","status":"True"}]}}']);
    const fs = JSON.parse(await ok(['get', 'flowschema', 'batch-jobs', '-o', 'json']));
    expect(fs.status.conditions.map((c: { type: string }) => c.type)).to.deep.equal(['Dangling']);
    const dup = await kubectl(server.url, [
      'patch',
      'flowschema',
      'batch-jobs',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"conditions":[{"type":"Dangling","status":"False"},{"type":"Dangling","status":"True"}]}}',
    ]);
    expect(dup.stderr).to.include('status.conditions[1].type: Duplicate value: "Dangling"');
  });

  it('kubectl delete, apply --server-side, diff --server-side, delete', async () => {
    const deleted = await ok(['delete', '-f', '-'], manifest);
    for (const k of kinds) {
      const [resource, name] = k.split('/');
      expect(deleted).to.include(`${resource} "${name}" deleted`);
    }
    const applied = await ok(['apply', '--server-side', '-f', '-'], manifest);
    for (const k of kinds) expect(applied).to.include(`${k} serverside-applied`);
    const diff = await kubectl(server.url, ['diff', '--server-side', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
    await ok(['delete', '-f', '-'], manifest);
    expect(await ok(['get', 'flowschema,prioritylevelconfiguration', '-o', 'name'])).to.not.include('batch-jobs');
  });

  it('kubectl api-resources lists the group as kube-apiserver does', async () => {
    const lines = (await ok(['api-resources', '--api-group=flowcontrol.apiserver.k8s.io', '--no-headers']))
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    expect(lines).to.deep.equal([
      ['flowschemas', 'flowcontrol.apiserver.k8s.io/v1', 'false', 'FlowSchema'],
      ['prioritylevelconfigurations', 'flowcontrol.apiserver.k8s.io/v1', 'false', 'PriorityLevelConfiguration'],
    ]);
  });

  it('--runtime-config turns flowschemas off: the server starts and serves the other resource alone', async () => {
    const limited = await createTestServer({ runtimeConfig: { 'flowcontrol.apiserver.k8s.io/v1/flowschemas': 'false' } });
    try {
      const lines = (await kubectlOk(limited.url, ['api-resources', '--api-group=flowcontrol.apiserver.k8s.io', '--no-headers', '-o', 'name'])).trim();
      expect(lines).to.equal('prioritylevelconfigurations.flowcontrol.apiserver.k8s.io');
    } finally {
      await limited.close();
    }
  });
});
