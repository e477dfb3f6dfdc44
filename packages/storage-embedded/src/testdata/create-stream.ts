/**
 * Child process of the crash test: creates keys /stream/<n> as fast as it can with several
 * concurrent writers and prints `ACK <key>` for each create whose promise resolved. The test
 * kills it with SIGKILL mid-stream. (stdout to a pipe is synchronous on Linux, so a printed ACK
 * was acknowledged before the kill.)
 *
 * Usage: node --conditions=kapi-source --require tsx/cjs create-stream.ts <dataDir> [writers]
 */
import { EmbeddedKV } from '../embedded-kv';

/** The value a key is written with: recognisable, ~1 KB, so a torn or mixed-up value is caught. */
export function streamValue(key: string): Buffer {
  return Buffer.from(`${key}|`.padEnd(1024, key.slice(-1)));
}

async function main(): Promise<void> {
  const [dataDir, writersArg] = process.argv.slice(2);
  const kv = new EmbeddedKV({ dataDir });
  process.stdout.write(`READY ${process.pid}\n`);
  let next = 0;
  const writer = async (): Promise<void> => {
    for (;;) {
      const key = `/stream/${String(next++).padStart(8, '0')}`;
      const res = await kv.create(key, streamValue(key));
      if (!res.succeeded) throw new Error(`create ${key} failed`);
      process.stdout.write(`ACK ${key}\n`);
    }
  };
  await Promise.all(Array.from({ length: Number(writersArg ?? 16) }, writer));
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
