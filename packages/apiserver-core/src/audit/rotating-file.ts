import { closeSync, createReadStream, createWriteStream, existsSync, fstatSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export interface RotatingFileOptions {
  /** --audit-log-maxsize in megabytes; 0 means lumberjack's default of 100. */
  maxSizeMB: number;
  /** --audit-log-maxbackup: rotated files kept (0 = all, unless maxAge removes them). */
  maxBackups: number;
  /** --audit-log-maxage in days (0 = no age limit). */
  maxAgeDays: number;
  /** --audit-log-compress: rotated files are gzipped (`<backup>.gz`), as lumberjack's Compress. */
  compress?: boolean;
}

const megabyte = 1024 * 1024;

/** lumberjack's backup name: `<name>-2006-01-02T15-04-05.000<ext>`, in UTC. */
export function backupName(file: string, at: Date): string {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  const stamp = at.toISOString().slice(0, 23).replace(/:/g, '-');
  return `${base}-${stamp}${ext}`;
}

/**
 * The audit log file as kube-apiserver writes it through lumberjack: appended to, renamed to a
 * timestamped backup before a write would pass the size limit, backups beyond the count or age
 * limits removed. Writes are synchronous, as the log backend's blocking mode is: an event is on
 * disk when the request goes on, and nothing is lost at shutdown.
 */
export class RotatingFile {
  private fd?: number;
  private size = 0;
  private readonly maxBytes: number;

  constructor(
    readonly filename: string,
    private readonly opts: RotatingFileOptions,
  ) {
    this.maxBytes = (opts.maxSizeMB > 0 ? opts.maxSizeMB : 100) * megabyte;
  }

  /** ensureLogFile: start-up fails on a path that cannot be written, not the first request. */
  open(): void {
    if (this.fd !== undefined) return;
    mkdirSync(path.dirname(this.filename), { recursive: true, mode: 0o700 });
    this.fd = openSync(this.filename, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  write(data: string): void {
    const bytes = Buffer.byteLength(data);
    if (bytes > this.maxBytes) throw new Error(`write length ${bytes} exceeds maximum file size ${this.maxBytes}`);
    this.open();
    if (this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd!, data);
    this.size += bytes;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private rotate(): void {
    this.close();
    // Two rotations within a millisecond would share a name: the later one takes the next free one.
    let at = Date.now();
    while (existsSync(backupName(this.filename, new Date(at))) || existsSync(`${backupName(this.filename, new Date(at))}.gz`)) at++;
    const backup = backupName(this.filename, new Date(at));
    renameSync(this.filename, backup);
    this.open();
    this.removeOldBackups();
    if (this.opts.compress) this.compressions.push(compressFile(backup));
  }

  /** Compression runs off the request path; tests and shutdown can wait for it. */
  private compressions: Promise<void>[] = [];

  async settled(): Promise<void> {
    await Promise.all(this.compressions.splice(0));
  }

  /** lumberjack's millRun: newest backups first; drop those past maxBackups, then those older than maxAge. */
  private removeOldBackups(): void {
    if (this.opts.maxBackups <= 0 && this.opts.maxAgeDays <= 0) return;
    const backups = this.backups();
    let remove = this.opts.maxBackups > 0 ? backups.slice(this.opts.maxBackups) : [];
    if (this.opts.maxAgeDays > 0) {
      const cutoff = Date.now() - this.opts.maxAgeDays * 24 * 3600 * 1000;
      remove = [...new Set([...remove, ...backups.filter((b) => b.time < cutoff)])];
    }
    for (const b of remove) {
      try {
        unlinkSync(b.file);
      } catch {
        // Already gone: another process or an operator removed it.
      }
    }
  }

  /** Backups of this file, newest first, by the timestamp in their name. */
  backups(): { file: string; time: number }[] {
    const dir = path.dirname(this.filename);
    const ext = path.extname(this.filename);
    const prefix = `${path.basename(this.filename, ext)}-`;
    const out: { file: string; time: number }[] = [];
    for (const name of readdirSync(dir)) {
      const plain = name.endsWith('.gz') ? name.slice(0, -3) : name;
      if (!plain.startsWith(prefix) || !plain.endsWith(ext)) continue;
      const stamp = plain.slice(prefix.length, plain.length - ext.length);
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})$/.exec(stamp);
      if (!m) continue;
      const time = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
      const file = path.join(dir, name);
      if (statSync(file).isFile()) out.push({ file, time });
    }
    return out.sort((a, b) => b.time - a.time);
  }
}

/** gzip to `<file>.gz`, then remove the original; on failure the uncompressed backup stays. */
async function compressFile(file: string): Promise<void> {
  try {
    await pipeline(createReadStream(file), createGzip(), createWriteStream(`${file}.gz`, { mode: 0o600 }));
    unlinkSync(file);
  } catch {
    try {
      unlinkSync(`${file}.gz`);
    } catch {
      // Nothing was written.
    }
  }
}
