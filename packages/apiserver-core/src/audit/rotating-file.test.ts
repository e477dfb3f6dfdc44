import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { backupName, RotatingFile } from './rotating-file';

const megabyte = 1024 * 1024;

/** One line of about 1 KiB, numbered so order can be checked. */
function line(i: number): string {
  return `${JSON.stringify({ i, pad: 'x'.repeat(1000) })}\n`;
}

describe('audit log rotation (lumberjack semantics)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'audit-rotate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names a backup <name>-<UTC timestamp with milliseconds><ext>', () => {
    expect(backupName('/var/log/audit.log', new Date('2026-12-03T07:08:09.010Z'))).to.equal('/var/log/audit-2026-12-03T07-08-09.010.log');
    expect(backupName('/var/log/audit', new Date('2026-12-03T07:08:09.010Z'))).to.equal('/var/log/audit-2026-12-03T07-08-09.010');
  });

  it('creates the file (and its directory) owner-only at open, before any event', () => {
    const file = path.join(dir, 'sub', 'audit.log');
    new RotatingFile(file, { maxSizeMB: 1, maxBackups: 0, maxAgeDays: 0 }).open();
    expect(existsSync(file)).to.equal(true);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
  });

  it('rotates before a write would pass maxsize, keeping every line in order across the files', () => {
    const file = path.join(dir, 'audit.log');
    const f = new RotatingFile(file, { maxSizeMB: 1, maxBackups: 0, maxAgeDays: 0 });
    const n = 2500; // ~2.5 MB: two rotations
    for (let i = 0; i < n; i++) f.write(line(i));
    f.close();
    const backups = f.backups();
    expect(backups).to.have.length(2);
    for (const b of backups) {
      expect(path.basename(b.file)).to.match(/^audit-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}\.log$/);
      expect(statSync(b.file).size).to.be.at.most(megabyte);
    }
    const all = [...backups]
      .reverse()
      .map((b) => b.file)
      .concat(file)
      .flatMap((p) => readFileSync(p, 'utf8').split('\n').filter(Boolean));
    expect(all.map((l) => JSON.parse(l).i)).to.deep.equal([...Array(n).keys()]);
  });

  it('appends to an existing file and counts its size', () => {
    const file = path.join(dir, 'audit.log');
    writeFileSync(file, 'y'.repeat(megabyte - 500));
    const f = new RotatingFile(file, { maxSizeMB: 1, maxBackups: 0, maxAgeDays: 0 });
    f.write(line(0));
    f.close();
    expect(f.backups()).to.have.length(1);
    expect(readFileSync(file, 'utf8')).to.equal(line(0));
  });

  it('keeps only maxbackup backups, the newest', async () => {
    const file = path.join(dir, 'audit.log');
    const f = new RotatingFile(file, { maxSizeMB: 1, maxBackups: 2, maxAgeDays: 0 });
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 1000; i++) f.write(line(round * 1000 + i));
      await new Promise((r) => setTimeout(r, 5)); // distinct backup timestamps
    }
    f.close();
    const backups = f.backups();
    expect(backups).to.have.length(2);
    // The newest backup ends just before the live file starts.
    const live = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).i);
    const newest = readFileSync(backups[0].file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).i);
    expect(newest[newest.length - 1] + 1).to.equal(live[0]);
  });

  it('removes backups older than maxage days at the next rotation, and leaves other files alone', () => {
    const file = path.join(dir, 'audit.log');
    const old = backupName(file, new Date(Date.now() - 3 * 24 * 3600 * 1000));
    const recent = backupName(file, new Date(Date.now() - 12 * 3600 * 1000));
    writeFileSync(old, 'old\n');
    writeFileSync(recent, 'recent\n');
    writeFileSync(path.join(dir, 'other.log'), 'unrelated\n');
    const f = new RotatingFile(file, { maxSizeMB: 1, maxBackups: 0, maxAgeDays: 2 });
    for (let i = 0; i < 1100; i++) f.write(line(i));
    f.close();
    const names = readdirSync(dir);
    expect(names).to.not.include(path.basename(old));
    expect(names).to.include(path.basename(recent));
    expect(names).to.include('other.log');
    expect(f.backups()).to.have.length(2);
  });

  it('--audit-log-compress gzips each backup to <backup>.gz, and counts it as a backup', async () => {
    const file = path.join(dir, 'audit.log');
    const f = new RotatingFile(file, { maxSizeMB: 1, maxBackups: 1, maxAgeDays: 0, compress: true });
    for (let i = 0; i < 1100; i++) f.write(line(i));
    await f.settled();
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 1100; i < 2200; i++) f.write(line(i));
    await f.settled();
    f.close();
    const names = readdirSync(dir).sort();
    expect(names).to.have.length(2);
    expect(names[0]).to.match(/^audit-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}\.log\.gz$/);
    expect(names[1]).to.equal('audit.log');
    const first = JSON.parse(
      gunzipSync(readFileSync(path.join(dir, names[0])))
        .toString('utf8')
        .split('\n')[0],
    ).i;
    expect(first).to.be.above(0);
  });

  it('refuses a single write larger than maxsize', () => {
    const f = new RotatingFile(path.join(dir, 'audit.log'), { maxSizeMB: 1, maxBackups: 0, maxAgeDays: 0 });
    expect(() => f.write('z'.repeat(megabyte + 1))).to.throw(`write length ${megabyte + 1} exceeds maximum file size ${megabyte}`);
    f.close();
  });
});
