import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file in the data dir that names the process owning it. */
export const lockFileName = 'kapi.lock';

/**
 * An exclusive claim on a data dir by this process. LMDB itself lets several processes share an
 * environment, but two apiservers on one store would break the single-writer revision and watch
 * logic, so a second `kapi server` must fail fast instead. A lock left by a killed process (its pid
 * no longer runs) is stale and taken over.
 */
export class DataDirLock {
  private released = false;

  private constructor(
    readonly dataDir: string,
    private readonly file: string,
  ) {}

  static acquire(dataDir: string): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, lockFileName);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
        return new DataDirLock(dataDir, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = readOwner(file);
      if (owner !== undefined && isRunning(owner)) {
        throw new Error(`data dir ${path.resolve(dataDir)} is in use by another kapi process (pid ${owner})`);
      }
      // Stale: its owner died without releasing it (kill -9, power loss).
      fs.rmSync(file, { force: true });
    }
    throw new Error(`data dir ${path.resolve(dataDir)}: could not take the lock file ${file}`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (readOwner(this.file) === process.pid) fs.rmSync(this.file, { force: true });
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
