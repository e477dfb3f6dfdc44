import { parseArgs } from 'node:util';
import { UsageError } from './flags';

const snapshotUsage = `Save or restore a snapshot of the embedded storage backend (etcdctl snapshot save / etcdutl snapshot restore).

Usage:
  kapi snapshot save FILE [--data-dir DIR]
  kapi snapshot restore FILE --data-dir DIR [--bump-revision N]

Flags:
      --data-dir string       Data dir of the embedded backend: read by save (a server may be running on it), created by restore. (save default "./kapi-data")
      --bump-revision string  How far restore moves the revision past the snapshot's, so resourceVersions never go back. (default 1000000000)
`;

type Embedded = typeof import('@kapi/storage-embedded');

/** `kapi snapshot save|restore`: the embedded backend's backup story; etcd users keep etcdctl/etcdutl. */
export async function runSnapshot(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    out.write(snapshotUsage);
    return 0;
  }
  if (verb !== 'save' && verb !== 'restore') throw new UsageError(`unknown command "${verb}" for "kapi snapshot"`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { 'data-dir': { type: 'string' }, 'bump-revision': { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^Unknown option '(.*?)'.*$/s, 'unknown flag: $1'));
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(`kapi snapshot ${verb} takes exactly one FILE`);
  // Loaded only for this command: LMDB is not needed to print usage.
  const embedded = require('@kapi/storage-embedded') as Embedded;
  if (verb === 'save') {
    const { revision, bytes } = await embedded.saveSnapshot(parsed.values['data-dir'] ?? embedded.defaultDataDir, file);
    out.write(`Snapshot saved at ${file} (revision ${revision}, ${bytes} bytes)\n`);
    return 0;
  }
  const dataDir = parsed.values['data-dir'];
  if (!dataDir) throw new UsageError('--data-dir is required for kapi snapshot restore');
  const bump = parsed.values['bump-revision'];
  if (bump !== undefined && !/^\d+$/.test(bump)) throw new UsageError(`invalid argument "${bump}" for "--bump-revision" flag`);
  const { revision } = await embedded.restoreSnapshot(file, dataDir, { bumpRevision: bump === undefined ? undefined : Number(bump) });
  out.write(`Snapshot restored to ${dataDir} (revision ${revision}; every earlier revision is compacted)\n`);
  return 0;
}
