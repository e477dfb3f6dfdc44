import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { getJSON } from './support/http';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { newOutcome, pollReadyz, reader, watch, writer, type LoadOutcome, type WatchOutcome } from './support/shutdown-load';

const delayMs = 2000;

interface Run {
  load: LoadOutcome;
  watches: WatchOutcome[];
  readyz: { at: number; status: number; body: string }[];
  signalledAt: number;
  exitCode: number | null;
  exitedAt: number;
}

/** Writers, readers and watches against `kapi`; SIGTERM once enough writes are acknowledged; waits for all to end. */
async function sigtermUnderLoad(kapi: KapiProcess): Promise<Run> {
  const rv0 = (await getJSON(`${kapi.url}/api/v1/namespaces/default/configmaps`)).metadata.resourceVersion as string;
  const load = newOutcome();
  let stopped = false;
  const done = () => stopped;
  const watches = Array.from({ length: 3 }, () => watch(kapi.url, rv0));
  const clients = [...Array.from({ length: 6 }, (_, i) => writer(kapi.url, i, load, done)), ...Array.from({ length: 3 }, () => reader(kapi.url, load, done))];
  await eventually(() => expect(load.acked.length, 'acknowledged writes before the signal').to.be.at.least(150), 20_000);
  const signalledAt = Date.now();
  const exited = kapi.stop();
  const readyz = pollReadyz(kapi.url);
  const bound = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref());
  const exitCode = await Promise.race([exited, bound]);
  const exitedAt = Date.now();
  if (exitCode === 'timeout') await kapi.kill();
  stopped = true;
  await Promise.all(clients);
  return { load, watches: await Promise.all(watches), readyz: await readyz, signalledAt, exitCode: exitCode === 'timeout' ? -1 : exitCode, exitedAt };
}

/** What a restarted server holds: name → data.value. */
async function stored(url: string): Promise<Map<string, string>> {
  const list = await getJSON(`${url}/api/v1/namespaces/default/configmaps`);
  return new Map(list.items.map((i: { metadata: { name: string }; data: { value: string } }) => [i.metadata.name, i.data.value]));
}

/**
 * A write whose connection broke must not have been applied. A kept-alive connection the server closes
 * as idle while the client is sending on it resets (every HTTP/1.1 server has that race; Go's client
 * retries such requests); what must never happen is a request the server took being cut.
 */
function appliedButCut(run: Run, after: Map<string, string>): string[] {
  return run.load.uncertain.filter((w) => after.get(w.name) === w.value).map((w) => `${w.name}: ${w.value} applied, its answer cut`);
}

/** Every acknowledged write is there with its content, unless a later write of unknown outcome replaced it. */
function lostWrites(run: Run, after: Map<string, string>): string[] {
  const last = new Map(run.load.acked.map((w) => [w.name, w.value]));
  const maybe = new Map(run.load.uncertain.map((w) => [w.name, w.value]));
  const lost: string[] = [];
  for (const [name, value] of last) {
    const found = after.get(name);
    if (found !== value && found !== maybe.get(name)) lost.push(`${name}: acknowledged ${value}, found ${found}`);
  }
  return lost;
}

/** A watch delivers the acknowledged writes in order, with their content, and no write it was not sent. */
function watchMismatches(run: Run, w: WatchOutcome): string[] {
  const byRV = new Map(run.load.acked.map((a) => [a.resourceVersion, a]));
  const maybe = new Set(run.load.uncertain.map((u) => `${u.name}=${u.value}`));
  const events = w.events.filter((e) => /^w\d+-\d+$/.test(e.name));
  const problems: string[] = [];
  let lastRV = 0n;
  for (const e of events) {
    const rv = BigInt(e.resourceVersion);
    if (rv <= lastRV) problems.push(`event ${e.name}@${e.resourceVersion} out of order`);
    lastRV = rv;
    const acked = byRV.get(e.resourceVersion);
    if (acked ? acked.name !== e.name || acked.value !== e.value : !maybe.has(`${e.name}=${e.value}`)) {
      problems.push(`event ${e.type} ${e.name}@${e.resourceVersion} ${e.value} matches no write`);
    }
  }
  const seen = new Set(events.map((e) => e.resourceVersion));
  for (const a of run.load.acked) {
    if (BigInt(a.resourceVersion) <= lastRV && !seen.has(a.resourceVersion)) problems.push(`acknowledged ${a.name}@${a.resourceVersion} missing`);
  }
  return problems;
}

function checkRun(run: Run, label: string): void {
  const { load } = run;
  const firstFailing = run.readyz.find((r) => r.status !== 200);
  const firstRefused = Math.min(...load.refused.map((r) => r.at), run.exitedAt);
  // Figures for the report: how much load the shutdown met and how it was answered.
  console.log(
    `    ${label}: ${load.acked.length} writes acknowledged (${load.acked.filter((a) => a.at > run.signalledAt).length} after SIGTERM), ` +
      `${load.uncertain.length} of unknown outcome, ${load.reads} reads, ${load.serverErrors.length} 5xx, ${load.retryAfter.length} 429, ` +
      `${load.refused.length} refused, ${load.broken.length} broken connections ${JSON.stringify(load.broken.map((b) => `${b.what} ${b.error}@${b.at - run.signalledAt}`))}, watches ${run.watches.map((w) => `${w.events.length} events/${w.ended}`).join(', ')}, ` +
      `exit ${run.exitCode} after ${run.exitedAt - run.signalledAt} ms`,
  );
  expect(run.exitCode, 'exit code').to.equal(0);
  expect(run.exitedAt - run.signalledAt, 'time to exit').to.be.within(delayMs, 15_000);
  expect(load.serverErrors, '5xx answers').to.deep.equal([]);
  for (const r of load.retryAfter) expect(r.retryAfter, '429 without Retry-After').to.match(/^\d+$/);
  expect(firstFailing, '/readyz never failed').to.not.equal(undefined);
  expect(firstFailing!.status).to.equal(500);
  expect(firstFailing!.body).to.include('[-]shutdown failed');
  expect(firstFailing!.at - run.signalledAt, '/readyz failed late').to.be.below(delayMs);
  expect(firstFailing!.at, '/readyz failed only after the listener closed').to.be.below(firstRefused);
  // --shutdown-delay-duration: requests are still served normally once /readyz fails.
  expect(
    load.acked.filter((a) => a.at > firstFailing!.at + delayMs / 2),
    'writes acknowledged during the delay',
  ).to.not.be.empty;
  for (const w of run.watches) {
    expect(w.status).to.equal(200);
    expect(w.ended, 'watch stream end').to.equal('end');
    expect(watchMismatches(run, w), 'watch events').to.deep.equal([]);
    expect(w.events.length, 'watch events delivered').to.be.above(0);
  }
}

describe('SIGTERM under load', function () {
  this.timeout(120_000);

  describe('on the embedded backend', () => {
    let data: ReturnType<typeof tempDir>;
    before(() => (data = tempDir('kapi-shutdown-')));
    after(() => data.cleanup());

    it('loses no acknowledged write, answers no 5xx, ends watches cleanly and exits 0 after --shutdown-delay-duration', async () => {
      const args = ['--data-dir', data.dir, '--shutdown-delay-duration', `${delayMs}ms`, '--log-level', 'warn'];
      const run = await sigtermUnderLoad(await startKapi(args));
      const again = await startKapi(args);
      try {
        const after = await stored(again.url);
        expect(lostWrites(run, after), 'acknowledged writes lost').to.deep.equal([]);
        expect(appliedButCut(run, after), 'writes taken but cut').to.deep.equal([]);
      } finally {
        await again.stop();
      }
      checkRun(run, 'embedded');
    });
  });

  describe('on etcd with --shutdown-send-retry-after', () => {
    let etcd: EtcdProcess;
    before(async () => (etcd = await startEtcd()));
    after(async () => etcd?.stop());

    it('loses no acknowledged write, answers 429 with Retry-After instead of 5xx, ends watches within the grace period and exits 0', async () => {
      const args = [
        '--storage-backend',
        'etcd3',
        '--etcd-servers',
        etcd.endpoint,
        '--shutdown-delay-duration',
        `${delayMs}ms`,
        '--shutdown-send-retry-after=true',
        '--shutdown-watch-termination-grace-period',
        '1s',
        '--log-level',
        'warn',
      ];
      const run = await sigtermUnderLoad(await startKapi(args));
      const again = await startKapi(args);
      try {
        const after = await stored(again.url);
        expect(lostWrites(run, after), 'acknowledged writes lost').to.deep.equal([]);
        expect(appliedButCut(run, after), 'writes taken but cut').to.deep.equal([]);
      } finally {
        await again.stop();
      }
      checkRun(run, 'etcd3');
      expect(run.load.retryAfter, '429 answers while draining').to.not.be.empty;
    });
  });
});

describe('signals during graceful termination', function () {
  this.timeout(60_000);

  it('a second SIGTERM exits at once with 1 while the first waits out --shutdown-delay-duration', async () => {
    const kapi = await startKapi(['--storage-backend', 'memory', '--shutdown-delay-duration', '30s']);
    const exited = new Promise<number | null>((resolve) => kapi.proc.once('exit', (code) => resolve(code)));
    kapi.proc.kill('SIGTERM');
    // Not ready at once, still serving during the delay.
    await eventually(
      async () => {
        const readyz = await fetch(`${kapi.url}/readyz`);
        expect(readyz.status).to.equal(500);
        expect(await readyz.text()).to.include('[-]shutdown failed');
      },
      5000,
      50,
    );
    expect((await fetch(`${kapi.url}/api/v1/namespaces/default`)).status).to.equal(200);
    const second = Date.now();
    kapi.proc.kill('SIGTERM');
    expect(await exited).to.equal(1);
    expect(Date.now() - second, 'time to exit after the second signal').to.be.below(5000);
    expect(kapi.output()).to.include('received SIGTERM again');
  });
});
