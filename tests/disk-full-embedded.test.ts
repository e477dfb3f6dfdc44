import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { eventually } from './support/eventually';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl } from './support/kubectl';

/**
 * The embedded backend on a full disk: a tmpfs of a few MB the test mounts (root only; elsewhere
 * the test says why it cannot run). Writes fail with a Status, the server keeps serving reads,
 * nothing acknowledged is lost, and writes succeed again once space returns, without a restart.
 */
describe('embedded backend on a full disk', function () {
  this.timeout(600_000);
  const { dir, cleanup } = tempDir('kapi-diskfull-');
  const mnt = path.join(dir, 'mnt');
  let mounted = false;
  let kapi: KapiProcess | undefined;

  before(function () {
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mnt], { stdio: 'pipe' });
      mounted = true;
    } catch (err) {
      // Not a pass: the reason is printed as the pending test's title.
      this.test!.parent!.title += ` — cannot mount a small tmpfs here: ${(err as { stderr?: Buffer }).stderr?.toString().trim() || String(err)}`;
      this.skip();
    }
  });
  after(async () => {
    await kapi?.stop();
    if (mounted) execFileSync('umount', [mnt]);
    cleanup();
  });

  it('fails writes with a Status, keeps every acknowledged object, and recovers when space returns', async () => {
    // Ballast the test frees later, to give the disk space back.
    const ballast = path.join(mnt, 'ballast');
    writeFileSync(ballast, Buffer.alloc(1536 * 1024, 1));
    kapi = await startKapi(['--storage-backend', 'embedded', '--data-dir', path.join(mnt, 'data'), '--cert-dir', path.join(dir, 'pki')]);
    const acked: string[] = [];
    let failure: { stderr: string } | undefined;
    for (let i = 0; i < 1000 && !failure; i++) {
      const r = await kubectl(kapi.url, ['create', 'configmap', `cm-${i}`, `--from-literal=k=${'x'.repeat(20_000)}`]);
      if (r.code === 0) acked.push(`cm-${i}`);
      else failure = r;
    }
    expect(failure, 'the disk never filled').to.not.equal(undefined);
    // The storage error is reported as the etcd3 backend reports an unavailable store: ServerTimeout (504), retry later.
    expect(failure!.stderr).to.equal('error: failed to create configmap: The create operation against configmaps could not be completed at this time, please try again.\n');
    process.stdout.write(`      (${acked.length} writes before the disk was full; the failure: ${failure!.stderr.trim().slice(0, 200)})\n`);

    const listed = await kubectl(kapi.url, ['get', 'configmaps', '-o', 'name']);
    expect(listed.code, listed.stderr).to.equal(0);
    const names = listed.stdout
      .trim()
      .split('\n')
      .map((l) => l.replace('configmap/', ''));
    for (const n of acked) expect(names).to.include(n);

    rmSync(ballast);
    await eventually(
      async () => {
        const r = await kubectl(kapi!.url, ['create', 'configmap', 'after-space-returns', '--from-literal=k=v']);
        expect(r.code, r.stderr).to.equal(0);
      },
      30_000,
      500,
    );
    expect(kapi.proc.exitCode).to.equal(null);
  });
});
