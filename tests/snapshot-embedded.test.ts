import { existsSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { kapiCLI, startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { eventually } from './support/eventually';

/**
 * `kapi snapshot save` on a running embedded server under write load, `kapi snapshot restore` into
 * a new data dir, and a server on it: every write acknowledged before the save is there, nothing
 * that was never written is, resourceVersions go on growing, and a watch from a version seen on the
 * old server ends with 410 Gone (the client re-lists) instead of replaying a different history.
 */

const names = (json: string): string[] => (JSON.parse(json).items as { metadata: { name: string } }[]).map((i) => i.metadata.name);

describe('kapi snapshot save / restore (embedded)', function () {
  this.timeout(600_000);
  const { dir, cleanup } = tempDir('kapi-snapshot-');
  const source = path.join(dir, 'source');
  const restored = path.join(dir, 'restored');
  const file = path.join(dir, 'snap.db');
  let kapi: KapiProcess | undefined;

  after(async () => {
    await kapi?.stop();
    cleanup();
  });

  it('round-trips a snapshot taken under load, with monotonic resourceVersions and 410 for old watches', async () => {
    kapi = await startKapi(['--storage-backend', 'embedded', '--data-dir', source]);
    const url = kapi.url;
    for (let i = 0; i < 20; i++) await kubectlOk(url, ['create', 'configmap', `before-${i}`, '--from-literal=k=v']);

    // Writers keep creating while the snapshot is taken.
    const acked: string[] = [];
    const attempted: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        attempted.push(`during-${i}`);
        const r = await kubectl(url, ['create', 'configmap', `during-${i}`, '--from-literal=k=v']);
        if (r.code === 0) acked.push(`during-${i}`);
      }
    })();
    await eventually(() => expect(acked.length, 'acknowledged writes').to.be.at.least(3), 30_000);
    const ackedBeforeSave = [...acked];
    const save = await kapiCLI(['snapshot', 'save', file, '--data-dir', source]);
    expect(save.code, save.stderr).to.equal(0);
    expect(save.stdout).to.match(/^Snapshot saved at .*snap\.db \(revision \d+, \d+ bytes\)\n$/);
    await eventually(() => expect(acked.length, 'acknowledged writes').to.be.at.least(ackedBeforeSave.length + 3), 30_000);
    stop = true;
    await writer;
    const lastList = JSON.parse(await kubectlOk(url, ['get', '--raw', '/api/v1/namespaces/default/configmaps']));
    const lastRV = Number(lastList.metadata.resourceVersion);
    await kapi.stop();
    kapi = undefined;
    expect(existsSync(`${file}-lock`)).to.equal(false);
    expect(statSync(file).size).to.be.greaterThan(0);

    const refused = await kapiCLI(['snapshot', 'restore', file, '--data-dir', source]);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('is not empty; restore into a new directory');
    const restore = await kapiCLI(['snapshot', 'restore', file, '--data-dir', restored]);
    expect(restore.code, restore.stderr).to.equal(0);

    kapi = await startKapi(['--storage-backend', 'embedded', '--data-dir', restored]);
    const list = JSON.parse(await kubectlOk(kapi.url, ['get', '--raw', '/api/v1/namespaces/default/configmaps']));
    const got = names(JSON.stringify(list));
    for (let i = 0; i < 20; i++) expect(got).to.include(`before-${i}`);
    for (const n of ackedBeforeSave) expect(got).to.include(n);
    for (const n of got.filter((x) => x.startsWith('during-'))) expect(attempted).to.include(n);
    expect(got.filter((x) => x.startsWith('during-')).length).to.be.lessThan(acked.length, 'writes after the save are not in the snapshot');
    expect(lastRV).to.be.greaterThan(0);
    expect(Number(list.metadata.resourceVersion)).to.be.greaterThan(lastRV);

    const created = JSON.parse(await kubectlOk(kapi.url, ['create', 'configmap', 'after-restore', '-o', 'json']));
    expect(Number(created.metadata.resourceVersion)).to.be.greaterThan(lastRV);
    const watch = await kubectl(kapi.url, ['get', '--raw', `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${lastRV}&timeoutSeconds=3`]);
    const event = JSON.parse(watch.stdout.trim().split('\n')[0]);
    expect(event.type).to.equal('ERROR');
    expect(event.object).to.include({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('answers usage errors as a CLI should', async () => {
    const missing = await kapiCLI(['snapshot', 'restore', path.join(dir, 'nope.db')]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include('--data-dir is required for kapi snapshot restore');
    const absent = await kapiCLI(['snapshot', 'save', path.join(dir, 'x.db'), '--data-dir', path.join(dir, 'empty')]);
    expect(absent.code).to.equal(1);
    expect(absent.stderr).to.include('no embedded store in');
  });

  it('kapi server refuses a damaged data dir by name instead of crashing', async () => {
    await kapi?.stop();
    kapi = undefined;
    const store = path.join(restored, 'kapi.mdb');
    truncateSync(store, Math.floor(statSync(store).size / 4));
    const err = await startKapi(['--storage-backend', 'embedded', '--data-dir', restored]).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).to.match(/kapi exited with 1 before serving/);
    expect(err?.message).to.include(`the embedded store ${store} is damaged: truncated to`);
  });
});
