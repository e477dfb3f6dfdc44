import { parseArgs } from 'node:util';
import { UsageError } from './flags';

const defragUsage = `Give the embedded store's free pages back to the disk (etcdutl defrag --data-dir). Stop the server first.

Usage:
  kapi defrag [--data-dir DIR]

Flags:
      --data-dir string   Data dir of the embedded backend. (default "./kapi-data")
`;

type Embedded = typeof import('@kapi/storage-embedded');

/** `kapi defrag`: the embedded backend's space reclaim after compaction; etcd users keep etcdctl/etcdutl defrag. */
export async function runDefrag(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^Unknown option '(.*?)'.*$/s, 'unknown flag: $1'));
  }
  if (parsed.values.help) {
    out.write(defragUsage);
    return 0;
  }
  const embedded = require('@kapi/storage-embedded') as Embedded;
  const dataDir = parsed.values['data-dir'] ?? embedded.defaultDataDir;
  const { before, after } = await embedded.defragDataDir(dataDir);
  out.write(`Finished defragmenting the embedded store in ${dataDir} (${before} bytes before, ${after} after)\n`);
  return 0;
}
