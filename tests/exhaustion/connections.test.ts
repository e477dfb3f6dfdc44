import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { startKapi, type KapiProcess } from '../support/kapi-process';
import { connectRaw, openMany, rssKiB, sessionOf, sleep, socketBudget, timedGet, type RawConnection } from './raw-client';
import { eventually } from '../support/eventually';

const cms = '/api/v1/namespaces/default/configmaps';
const serverFds = (k: KapiProcess) => readdirSync(`/proc/${k.proc.pid}/fd`).length;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

/** A normal client meanwhile: a few GETs, every one answered 200 within `boundMs`; the slowest time. */
async function normalClient(url: string, boundMs: number): Promise<number> {
  let worst = 0;
  for (let i = 0; i < 5; i++) {
    const r = await timedGet(`${url}${cms}`);
    expect(r.status).to.equal(200);
    worst = Math.max(worst, r.ms);
  }
  expect(worst, 'slowest GET of a normal client (ms)').to.be.below(boundMs);
  return worst;
}

/**
 * Issue 20, exhaustion: 10,000 idle TLS connections (fewer if the fd limit says so). They are
 * opened silent, under a header timeout long enough to open them all (KAPI_READ_HEADER_TIMEOUT;
 * kube's ReadHeaderTimeout is 32 s), then each makes one request and idles on keep-alive until the
 * idle timeout (KAPI_IDLE_TIMEOUT, shortened here; kube's IdleTimeout is 90 s) closes it.
 */
describe('exhaustion: idle connections', function () {
  this.timeout(150_000);
  const idleTimeoutMs = 3000;
  let kapi: KapiProcess;
  let conns: RawConnection[] = [];

  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory'], 30_000, { env: { KAPI_READ_HEADER_TIMEOUT: '100s', KAPI_IDLE_TIMEOUT: `${idleTimeoutMs / 1000}s` } });
  });
  after(async () => {
    for (const c of conns) c.socket.destroy();
    await kapi?.stop();
  });

  it('holds 10,000 idle TLS connections, keeps serving others, and closes them after the idle timeout', async () => {
    const wanted = socketBudget(10_000);
    await normalClient(kapi.url, 3000);
    const rssBefore = rssKiB(kapi.proc.pid!);
    const session = await sessionOf(kapi.url);
    const started = Date.now();
    conns = await openMany(wanted, 64, () => connectRaw(kapi.url, { session }));
    const openedMs = Date.now() - started;
    expect(conns.filter((c) => !c.socket.destroyed).length, 'connections the server closed while the test opened them').to.equal(wanted);
    const worst = await normalClient(kapi.url, 3000);
    const rssHeld = rssKiB(kapi.proc.pid!);
    console.log(`      ${wanted} idle connections opened in ${openedMs} ms; RSS ${mib(rssBefore)} -> ${mib(rssHeld)}; slowest normal GET ${worst.toFixed(0)} ms`);
    // About 32 KiB a TLS connection in Node; a leak per connection would show far beyond.
    expect(rssHeld - rssBefore, 'RSS growth (KiB)').to.be.below(wanted * 48 + 64 * 1024);

    for (const c of conns) c.socket.write('GET /readyz HTTP/1.1\r\nHost: kapi\r\n\r\n');
    await eventually(
      () =>
        expect(
          conns.every((c) => c.received().startsWith('HTTP/1.1 ')),
          "every idle connection's answer",
        ).to.equal(true),
      60_000,
    );
    const answered = Date.now();
    await Promise.race([Promise.all(conns.map((c) => c.closed)), sleep(idleTimeoutMs + 15_000)]);
    const open = conns.filter((c) => !c.socket.destroyed && !c.socket.readableEnded).length;
    expect(open, 'keep-alive connections the server left open after its idle timeout').to.equal(0);
    expect(Date.now() - answered).to.be.at.least(idleTimeoutMs - 1000);
    await normalClient(kapi.url, 3000);
    console.log(`      closed by the idle timeout ${Date.now() - answered} ms after their answers; RSS ${mib(rssKiB(kapi.proc.pid!))}, server fds ${serverFds(kapi)}`);
  });
});
