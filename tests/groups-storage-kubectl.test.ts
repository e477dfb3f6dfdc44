import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/storage.yaml'), 'utf8');
const kinds = [
  'storageclass.storage.k8s.io/standard',
  'csidriver.storage.k8s.io/ebs.csi.aws.com',
  'csinode.storage.k8s.io/node-1',
  'csistoragecapacity.storage.k8s.io/csisc-standard-1a',
  'volumeattachment.storage.k8s.io/csi-0a1b2c3d',
];

/** storage.k8s.io/v1 through the real kubectl: apply both ways, the printed columns, diff, immutable fields, delete. */
describe('storage.k8s.io/v1 through kubectl', function () {
  this.timeout(90_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  const ok = (args: string[], input?: string) => kubectlOk(server.url, args, { input });
  const row = async (args: string[]) => (await ok(['get', ...args, '--no-headers'])).trim().split(/\s{2,}/);

  it('kubectl apply creates every kind and diff is empty', async () => {
    const out = await ok(['apply', '-f', '-'], manifest);
    for (const k of kinds) expect(out).to.include(`${k} created`);
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
    expect(diff.stdout).to.equal('');
  });

  it('kubectl get prints the columns kube-apiserver prints', async () => {
    const header = (await ok(['get', 'sc'])).split('\n')[0].split(/\s+/);
    expect(header).to.deep.equal(['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
    expect((await row(['sc'])).slice(0, 5)).to.deep.equal(['standard (default)', 'ebs.csi.aws.com', 'Delete', 'WaitForFirstConsumer', 'true']);
    expect((await row(['csidrivers'])).slice(0, 7)).to.deep.equal(['ebs.csi.aws.com', 'true', 'false', 'false', '<unset>', 'false', 'Persistent']);
    expect((await row(['csinodes'])).slice(0, 2)).to.deep.equal(['node-1', '1']);
    expect(await row(['csistoragecapacities', '-n', 'default'])).to.deep.equal(['csisc-standard-1a', 'standard', '500Gi']);
    expect((await row(['volumeattachments'])).slice(0, 5)).to.deep.equal(['csi-0a1b2c3d', 'ebs.csi.aws.com', 'pvc-0a1b2c3d', 'node-1', 'false']);
  });

  it("stores kube's defaults for CSIDriver", async () => {
    const d = JSON.parse(await ok(['get', 'csidriver', 'ebs.csi.aws.com', '-o', 'json']));
    expect(d.spec).to.deep.equal({
      attachRequired: true,
      podInfoOnMount: false,
      fsGroupPolicy: 'File',
      storageCapacity: false,
      volumeLifecycleModes: ['Persistent'],
      requiresRepublish: false,
      seLinuxMount: false,
    });
  });

  it("refuses changes to immutable fields with kube's messages and stores nothing", async () => {
    const sc = await kubectl(server.url, ['patch', 'sc', 'standard', '--type=merge', '-p', '{"provisioner":"other.csi.io","reclaimPolicy":"Retain"}']);
    expect(sc.code).to.not.equal(0);
    expect(sc.stderr).to.include(
      'The StorageClass "standard" is invalid: \n* provisioner: Forbidden: updates to provisioner are forbidden.\n* reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
    );
    const va = await kubectl(server.url, ['patch', 'volumeattachment', 'csi-0a1b2c3d', '--type=merge', '-p', '{"spec":{"nodeName":"node-2"}}']);
    expect(va.stderr).to.match(/The VolumeAttachment "csi-0a1b2c3d" is invalid: spec: Invalid value: .*: field is immutable/);
    expect((await row(['sc'])).slice(0, 3)).to.deep.equal(['standard (default)', 'ebs.csi.aws.com', 'Delete']);
  });

  it('writes a VolumeAttachment status only through /status', async () => {
    await ok(['patch', 'volumeattachment', 'csi-0a1b2c3d', '--subresource=status', '--type=merge', '-p', '{"status":{"attached":true}}']);
    expect((await row(['volumeattachments']))[4]).to.equal('true');
  });

  it('kubectl delete removes every kind; apply --server-side creates them again and diff --server-side is empty', async () => {
    const deleted = await ok(['delete', '-f', '-'], manifest);
    for (const k of kinds) {
      const [resource, name] = k.split('/');
      expect(deleted).to.include(`${resource} "${name}" deleted`);
    }
    const applied = await ok(['apply', '--server-side', '-f', '-'], manifest);
    for (const k of kinds) expect(applied).to.include(`${k} serverside-applied`);
    const diff = await kubectl(server.url, ['diff', '--server-side', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
    await ok(['delete', '-f', '-', '--wait=true'], manifest);
    expect(await ok(['get', 'sc,csidrivers,csinodes,volumeattachments', '-o', 'name'])).to.equal('');
  });

  it('kubectl api-resources lists the group as kube-apiserver does', async () => {
    const rows = (await ok(['api-resources', '--api-group=storage.k8s.io', '--no-headers']))
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    expect(rows).to.deep.equal([
      ['csidrivers', 'storage.k8s.io/v1', 'false', 'CSIDriver'],
      ['csinodes', 'storage.k8s.io/v1', 'false', 'CSINode'],
      ['csistoragecapacities', 'storage.k8s.io/v1', 'true', 'CSIStorageCapacity'],
      ['storageclasses', 'sc', 'storage.k8s.io/v1', 'false', 'StorageClass'],
      ['volumeattachments', 'storage.k8s.io/v1', 'false', 'VolumeAttachment'],
    ]);
  });
});
