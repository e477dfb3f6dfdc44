import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { startKapi, type KapiProcess } from '../support/kapi-process';
import { connectRaw, openMany, rssKiB, sessionOf, sleep, socketBudget, timedGet, type RawConnection } from './raw-client';

const cms = '/api/v1/namespaces/default/configmaps';
const serverFds = (k: KapiProcess) => readdirSync(`/proc/${k.proc.pid}/fd`).length;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

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
 * Issue 20, exhaustion: thousands of idle connections and a tiny idle timeout
 * (KAPI_IDLE_TIMEOUT; kube's is 90 s with no flag). The count adapts to the fd limit.
 */
describe('exhaustion: idle connections', function () {
  this.timeout(120_000);
  const idleTimeoutMs = 20_000;
  let kapi: KapiProcess;
  let conns: RawConnection[] = [];

  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory'], 30_000, { env: { KAPI_IDLE_TIMEOUT: `${idleTimeoutMs / 1000}s` } });
  });
  after(async () => {
    for (const c of conns) c.socket.destroy();
    await kapi?.stop();
  });

  it('holds 10,000 idle keep-alive TLS connections, keeps serving others, and closes them after the idle timeout', async () => {
    const wanted = socketBudget(10_000);
    await normalClient(kapi.url, 2000);
    const rssBefore = rssKiB(kapi.proc.pid!);
    const session = await sessionOf(kapi.url);
    const started = Date.now();
    conns = await openMany(wanted, 64, () => connectRaw(kapi.url, { session }), (c) => {
      c.socket.write('GET /readyz HTTP/1.1\r\nHost: kapi\r\n\r\n');
    });
    await until(() => conns.every((c) => c.received().startsWith('HTTP/1.1 ')), 20_000, 'every idle connection\'s first answer');
    const openedMs = Date.now() - started;
    expect(openedMs, 'opening took longer than the idle timeout: the test cannot hold them all').to.be.below(idleTimeoutMs - 3000);
    expect(conns.filter((c) => !c.socket.destroyed).length).to.equal(wanted);
    const worst = await normalClient(kapi.url, 2000);
    const rssHeld = rssKiB(kapi.proc.pid!);
    console.log(`      ${wanted} idle connections opened in ${openedMs} ms; RSS ${mib(rssBefore)} -> ${mib(rssHeld)}; slowest normal GET ${worst.toFixed(0)} ms`);
    // About 20 KiB a TLS connection in Node; a leak per connection would show far beyond.
    expect(rssHeld - rssBefore, 'RSS growth (KiB)').to.be.below(wanted * 40 + 64 * 1024);
    await Promise.race([Promise.all(conns.map((c) => c.closed)), sleep(idleTimeoutMs + 10_000)]);
    const open = conns.filter((c) => !c.socket.destroyed && !c.socket.readableEnded).length;
    expect(open, 'connections the server left open after its idle timeout').to.equal(0);
    await normalClient(kapi.url, 2000);
    console.log(`      after the idle timeout: RSS ${mib(rssKiB(kapi.proc.pid!))}, server fds ${serverFds(kapi)}`);
  });
});
