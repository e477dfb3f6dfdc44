import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { EmbeddedKV } from './embedded-kv';
import { streamValue } from './testdata/create-stream';
import { eventually } from '@kapi/apiserver-core/testing';

const repoRoot = path.resolve(__dirname, '../../..');
const streamScript = path.join(__dirname, 'testdata', 'create-stream.ts');

/** Starts the create stream in a child process; resolves once it owns the data dir. */
function startStream(dataDir: string): { child: ChildProcess; acked: Set<string>; ready: Promise<number>; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--conditions=kapi-source', '--require', 'tsx/cjs', streamScript, dataDir, '32'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const acked = new Set<string>();
  let stderr = '';
  let buffered = '';
  let onReady: (pid: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (onReady = resolve));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('ACK ')) acked.add(line.slice(4));
      else if (line.startsWith('READY ')) onReady(Number(line.slice(6)));
    }
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`stream exited (${code ?? signal}): ${stderr}`))));
  });
  return { child, acked, ready, exited };
}

describe('EmbeddedKV durability across kill -9', function () {
  this.timeout(60000);
  let dataDir: string;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-crash-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged create and no half-written one after SIGKILL mid-stream, then reopens', async () => {
    const stream = startStream(dataDir);
    const pid = await Promise.race([stream.ready, stream.exited.then(() => 0)]);
    expect(pid).to.be.greaterThan(0);

    // While the stream runs, a second process must not get the data dir.
    expect(() => new EmbeddedKV({ dataDir })).to.throw(`data dir ${dataDir} is in use by another kapi process (pid ${pid})`);

    await eventually(() => expect(stream.acked.size, 'acknowledged creates').to.be.at.least(2000), 40000, 10);
    stream.child.kill('SIGKILL');
    await stream.exited;
    const acked = new Set(stream.acked);

    // The lock of the killed process is stale: reopening takes it over.
    const kv = new EmbeddedKV({ dataDir });
    try {
      const { kvs, revision } = await kv.range('/stream/');
      const stored = new Map(kvs.map((k) => [k.key, k]));
      const missing = [...acked].filter((k) => !stored.has(k));
      expect(missing, 'acknowledged keys lost').to.deep.equal([]);
      for (const k of kvs) expect(k.value.equals(streamValue(k.key)), `value of ${k.key}`).to.equal(true);
      // Each create took one revision, none lost or torn: revisions 2..N+1 are exactly the keys.
      expect(revision).to.equal(kvs.length + 1);
      expect(new Set(kvs.map((k) => k.modRevision)).size).to.equal(kvs.length);
      // Writes go on from there.
      const res = await kv.create('/after-crash', Buffer.from('x'));
      expect(res.kv?.modRevision).to.equal(revision + 1);
    } finally {
      await kv.close();
    }
  });
});
