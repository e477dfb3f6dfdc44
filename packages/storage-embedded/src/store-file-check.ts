import * as fs from 'node:fs';

/** LMDB's meta-page magic and where lmdb-js's LMDB keeps the fields read here (within a meta page). */
const metaMagic = 0xbeefc0de;
const offsets = { magic: 24, pageSize: 48, lastPage: 144, txnID: 152 } as const;
const metaBytes = offsets.txnID + 8;

export class DamagedStoreError extends Error {
  constructor(file: string, problem: string) {
    super(`the embedded store ${file} is damaged: ${problem}; it is not opened (restore the data dir from a snapshot)`);
    this.name = 'DamagedStoreError';
  }
}

/**
 * Checks an existing store file before LMDB maps it: LMDB trusts its file, and a truncated or
 * overwritten one ends the process with SIGBUS or SIGSEGV, with no word of why. Two meta pages
 * lead the file; the newest valid one names the last page in use, which the file must contain.
 */
export function checkStoreFile(file: string): void {
  if (!fs.existsSync(file)) return;
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const first = readMeta(fd, 0);
    const second = first ? readMeta(fd, first.pageSize) : readMeta(fd, 4096);
    const metas = [first, second].filter((m): m is Meta => m !== undefined);
    if (metas.length === 0) throw new DamagedStoreError(file, `no valid LMDB meta page (${size} bytes)`);
    const newest = metas.reduce((a, b) => (b.txnID > a.txnID ? b : a));
    const needed = (newest.lastPage + 1) * newest.pageSize;
    if (size < needed) throw new DamagedStoreError(file, `truncated to ${size} bytes, its pages end at ${needed}`);
  } finally {
    fs.closeSync(fd);
  }
}

interface Meta {
  pageSize: number;
  lastPage: number;
  txnID: number;
}

function readMeta(fd: number, position: number): Meta | undefined {
  const buf = Buffer.alloc(metaBytes);
  if (fs.readSync(fd, buf, 0, metaBytes, position) < metaBytes) return undefined;
  if (buf.readUInt32LE(offsets.magic) !== metaMagic) return undefined;
  const pageSize = buf.readUInt32LE(offsets.pageSize);
  // A page size LMDB could have written: a power of two from 512 bytes to 64 KiB.
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return undefined;
  return { pageSize, lastPage: Number(buf.readBigUInt64LE(offsets.lastPage)), txnID: Number(buf.readBigUInt64LE(offsets.txnID)) };
}
