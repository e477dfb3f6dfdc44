import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { eventually } from './support/eventually';
import { repoRoot } from './support/kapi-process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { etcdNoSpaceStatus } from './support/storage-space';
import { testPKI } from './support/test-pki';
import { EtcdCluster, sleep } from './support/ha/etcd-cluster';
import { Front } from './support/ha/front';
import { checkHistory, linearizabilityChecker, now, type CheckSummary, type OpRecord } from './support/ha/history';
import { KapiInstances } from './support/ha/kapi-instances';
import { lastAckedRV, startLoad, Watcher, type Load } from './support/ha/workload';

/**
 * High availability under faults: a 3-member etcd cluster, 3 kapi instances behind one address
 * (a round-robin TCP front with a /readyz health check, as kubeadm's HA load balancer), recorded
 * client load through the front and watches on single instances, one fault per test. Each test's
 * history is checked by tools/linearizability-check (porcupine): linearizable ConfigMap operations
 * with resourceVersions, watches in order, each acknowledged write seen once (also across a resume
 * on another instance). HA_FAULT_SECONDS sets how long the load runs around each fault (default 3;
 * `npm run test:ha-long` runs 60).
 */

const seconds = Number(process.env.HA_FAULT_SECONDS ?? 3);
// The histories (and porcupine's HTML view of a failing one) stay for a look after the run.
const dir = path.join(repoRoot, '.tmp', 'ha');
mkdirSync(dir, { recursive: true });
const reportFile = path.join(dir, 'report.json');
const report: Record<string, unknown> = {};
// Small enough that the last test fills it quickly, big enough for the revisions the load of the long version leaves.
const quotaBytes = Math.max(24, 2 * seconds) * 1024 * 1024;

describe('high availability under faults (3 etcd members, 3 kapi instances)', function () {
  this.timeout(300_000 + seconds * 20_000);
  let etcd: EtcdCluster;
  let kapis: KapiInstances;
  let front: Front;
  let runs = 0;

  before(async () => {
    linearizabilityChecker();
    await testPKI();
    // A quota the last test fills; the load of the others stays far below it.
    etcd = await EtcdCluster.start({ extraArgs: ['--quota-backend-bytes', String(quotaBytes)] });
    kapis = await KapiInstances.start(etcd, 3);
    front = await Front.start(() => kapis.ports());
  });
  after(async () => {
    await front?.close();
    await kapis?.stopAll();
    await etcd?.stop();
    writeFileSync(reportFile, JSON.stringify(report, null, 2));
  });

  interface Outcome {
    summary: CheckSummary;
    load: Load;
    watchers: Watcher[];
    /** ms from the fault to the last failed attempt (0 when none failed). */
    windowMs: number;
  }

  /** Load through the front and two watches while `fault` runs; then the checked history. */
  async function underLoad(name: string, fault: (watchers: Watcher[]) => Promise<number | void>): Promise<Outcome> {
    const run = `ha${++runs}-${Date.now() % 100000}`;
    const start = (await (await fetch(`${front.url}/api/v1/namespaces/default/configmaps?labelSelector=ha-run%3D${run}`)).json()) as { metadata: { resourceVersion: string } };
    const urls = () => kapis.instances.map((_, i) => kapis.url(i));
    const watchers = [new Watcher('w0', urls, run, start.metadata.resourceVersion, 0), new Watcher('w1', urls, run, start.metadata.resourceVersion, 1)];
    const load = startLoad({ url: front.url, run });
    await sleep(seconds * 1000);
    const faultAt = now();
    const injectedAt = (await fault(watchers)) ?? faultAt;
    await sleep(seconds * 1000);
    await load.stop();
    // A last write after every other returned: its resourceVersion is past every write of the run,
    // deletes included (whose revision the DELETE answer does not carry), so the watches drain to it.
    const fenceCall = now();
    const fence = await fetch(`${front.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${run}-fence`, labels: { 'ha-run': run } }, data: { v: 'fence' } }),
    });
    expect(fence.status, 'the fence write').to.equal(201);
    const fenceRV = ((await fence.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    load.ops.push({ kind: 'op', client: 99, op: 'create', key: `${run}-fence`, value: 'fence', call: fenceCall, return: now(), outcome: 'ok', code: 201, rv: fenceRV });
    const last = Math.max(lastAckedRV(load.ops), Number(fenceRV));
    for (const w of watchers) await w.stopAt(last);
    const summary = await checkHistory(path.join(dir, `${name}.jsonl`), [...load.ops, ...watchers.map((w) => w.record())]);
    const lastFailure = Math.max(0, ...load.failures.map((f) => f.at));
    const windowMs = lastFailure > injectedAt ? Math.round((lastFailure - injectedAt) / 1e6) : 0;
    const firstFailureMs = load.failures.length ? Math.round((Math.min(...load.failures.map((f) => f.at)) - injectedAt) / 1e6) : 0;
    const errors = [...new Set(load.failures.map((f) => f.error))].slice(0, 5);
    // The slowest answer to a request in flight at or made after the fault: what a client waits.
    const maxLatencyMs = Math.round(Math.max(0, ...load.ops.filter((o) => o.return >= injectedAt).map((o) => o.return - o.call)) / 1e6);
    report[name] = {
      ...(report[name] as object),
      firstFailureMs,
      windowMs,
      maxLatencyMs,
      failedAttempts: load.failures.length,
      gaveUp: load.gaveUp,
      ops: summary.ops,
      unknown: summary.unknown,
      watchEvents: summary.watchEvents,
      resumes: watchers.map((w) => w.resumes),
      errors,
    };
    process.stdout.write(
      `      (${name}: failures from ${firstFailureMs} to ${windowMs} ms after the fault, slowest answer ${maxLatencyMs} ms, ${load.failures.length} failed attempts, ${load.gaveUp} requests failed after retries, ` +
        `${summary.ops} ops (${summary.unknown} unknown), ${summary.watchEvents} watch events, resumes ${watchers.map((w) => w.resumes).join('/')}${errors.length ? `; errors: ${errors.join(' | ')}` : ''})\n`,
    );
    expect(summary.problems ?? [], `history ${name}`).to.deep.equal([]);
    expect(summary.ok).to.equal(true);
    for (const w of watchers) expect(w.gone, `watch ${w.id}`).to.equal(undefined);
    return { summary, load, watchers, windowMs };
  }

  /** ms from `since` until the members other than `old` agree on a new leader. */
  async function newLeaderAfter(old: number, since: number): Promise<number> {
    await eventually(
      async () => {
        const views = await Promise.all(etcd.members.map((m, i) => (i === old ? undefined : etcd.status(m))));
        const leaders = new Set(views.filter((v) => v).map((v) => v!.leader));
        expect(leaders.size).to.equal(1);
        const [leader] = leaders;
        expect(leader && leader !== '0' && BigInt(leader).toString(16) !== etcd.members[old].id).to.equal(true);
      },
      30_000,
      50,
    );
    return Math.round((now() - since) / 1e6);
  }

  it('the checker rejects a stale read (a history that is not linearizable)', async () => {
    const op = (o: Partial<OpRecord>): OpRecord => ({ kind: 'op', client: 0, op: 'get', key: 'a', call: 0, return: 0, outcome: 'ok', code: 200, ...o });
    const summary = await checkHistory(path.join(dir, 'stale-read.jsonl'), [
      op({ op: 'create', value: 'v1', call: 1, return: 2, code: 201, rv: '10' }),
      op({ op: 'update', value: 'v2', precondition: '10', call: 3, return: 4, rv: '11' }),
      op({ client: 1, value: 'v1', call: 5, return: 6, rv: '10' }),
    ]);
    expect(summary.ok).to.equal(false);
    expect(summary.result).to.equal('Illegal');
  });

  it('kill -9 of a kapi instance under load: no acknowledged write lost, the watch on it resumes elsewhere exactly once', async () => {
    const { watchers, load } = await underLoad('kill-instance', async () => {
      await kapis.kill(0);
    });
    expect(watchers[0].resumes).to.be.greaterThan(0);
    expect(watchers[0].events.some((e) => e.instance !== '0')).to.equal(true);
    expect(load.gaveUp).to.equal(0);
    await kapis.restart(0);
  });

  for (const role of ['follower', 'leader'] as const) {
    it(`kill -9 and restart of the etcd ${role}: requests fail only within a bounded window, then recover by themselves`, async () => {
      const { windowMs, load } = await underLoad(`kill-etcd-${role}`, async () => {
        const victim = role === 'leader' ? (await etcd.leader())! : await etcd.follower();
        await etcd.kill(victim);
        const at = now();
        if (role === 'leader') report[`kill-etcd-${role}`] = { electionMs: await newLeaderAfter(victim, at) };
        await sleep(seconds * 500);
        await etcd.restart(victim);
        return at;
      });
      expect(load.gaveUp).to.equal(0);
      expect(windowMs).to.be.lessThan(15_000);
    });
  }

  it('a partition isolating the etcd leader: a new leader is elected, requests recover, the member rejoins', async () => {
    const { load, windowMs } = await underLoad('partition-etcd-leader', async () => {
      const victim = (await etcd.leader())!;
      etcd.isolate(victim);
      const at = now();
      try {
        report['partition-etcd-leader'] = { electionMs: await newLeaderAfter(victim, at) };
        await sleep(seconds * 1000);
      } finally {
        etcd.heal();
      }
      return at;
    });
    await etcd.waitHealthy(30_000);
    expect(load.gaveUp).to.equal(0);
    // The isolated member is alive and has no leader: an instance whose etcd client is on it sees
    // its requests time out (etcd's 7 s request timeout) until the partition heals; clients retry elsewhere.
    expect(windowMs).to.be.lessThan(seconds * 1000 + 15_000);
  });

  it('a partition isolating an instance from etcd: it reports not ready, refuses writes, serves no stale consistent read', async () => {
    const url = kapis.url(2);
    const cm = `${url}/api/v1/namespaces/default/configmaps`;
    const name = `ha-isolated-${Date.now() % 100000}`;
    const created = await fetch(`${front.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: 'old' } }),
    });
    expect(created.status).to.equal(201);
    const old = (await created.json()) as { metadata: { resourceVersion: string } };
    await underLoad('partition-instance', async () => {
      kapis.isolate(2);
      const at = now();
      try {
        return await isolated(at);
      } finally {
        kapis.heal(2);
      }
    });
    await eventually(async () => expect((await fetch(`${url}/readyz`)).status).to.equal(200), 30_000, 250);

    async function isolated(at: number): Promise<number> {
      // A probe that does not answer within 5 s fails, as a load balancer's health check does.
      const readyz = () =>
        fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
          (r) => r.status,
          () => 'timeout',
        );
      await eventually(async () => expect(await readyz()).to.be.oneOf([500, 'timeout']), 30_000, 250);
      const notReadyAfterMs = Math.round((now() - at) / 1e6);
      // kube-apiserver's etcd readiness check is one read with a 2 s deadline.
      expect(notReadyAfterMs).to.be.lessThan(6_000);
      // A write elsewhere the isolated instance cannot know of.
      const updated = await fetch(`${kapis.url(0)}/api/v1/namespaces/default/configmaps/${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, resourceVersion: old.metadata.resourceVersion }, data: { v: 'new' } }),
      });
      expect(updated.status).to.equal(200);
      const answer = async (res: Response | Error) => (res instanceof Error ? res.name : `${res.status} ${((await res.json()) as { message?: string }).message ?? ''}`);
      const read = await fetch(`${cm}/${name}`, { signal: AbortSignal.timeout(20_000) }).catch((e: Error) => e);
      const readAnswer = await answer(read);
      expect(readAnswer, 'a consistent read from the isolated instance').to.not.match(/^200/);
      const write = await fetch(cm, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-w` } }),
        signal: AbortSignal.timeout(20_000),
      }).catch((e: Error) => e);
      const writeAnswer = await answer(write);
      expect(writeAnswer, 'a write to the isolated instance').to.match(/^5|TimeoutError/);
      report['partition-instance'] = { notReadyAfterMs, isolatedRead: readAnswer, isolatedWrite: writeAnswer };
      process.stdout.write(`      (isolated instance: not ready after ${notReadyAfterMs} ms; its read: ${readAnswer}; its write: ${writeAnswer})\n`);
      await sleep(seconds * 500);
      return at;
    }
  });

  it('a rolling restart of all instances under load: no request fails beyond client retries', async () => {
    const { load } = await underLoad('rolling-restart', async () => {
      for (let i = 0; i < 3; i++) {
        await kapis.stop(i);
        await kapis.restart(i);
        await eventually(async () => expect((await fetch(`${kapis.url(i)}/readyz`)).status).to.equal(200), 90_000, 250);
      }
    });
    expect(load.gaveUp).to.equal(0);
  });

  it("etcd out of space: every instance refuses writes with kube's Status; compaction + defrag of every member + alarm disarm bring writes back", async () => {
    const big = 'x'.repeat(400_000);
    const run = `ha-space-${Date.now() % 100000}`;
    const create = (url: string, name: string) =>
      fetch(`${url}/api/v1/namespaces/default/configmaps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { 'ha-run': run } }, data: { v: big } }),
      });
    const acked: string[] = [];
    let refused: Response | undefined;
    const answeredNoSpace: string[] = [];
    for (let i = 0; i < (2 * quotaBytes) / big.length && !refused; i++) {
      const res = await create(front.url, `${run}-${i}`);
      if (res.status === 201) acked.push(`${run}-${i}`);
      else {
        refused = res;
        answeredNoSpace.push(`${run}-${i}`);
      }
    }
    expect(refused, 'the quota was never reached').to.not.equal(undefined);
    expect(await refused!.json()).to.deep.equal(etcdNoSpaceStatus);
    for (let i = 0; i < 3; i++) {
      const res = await create(kapis.url(i), `${run}-on-${i}`);
      expect(await res.json(), `instance ${i}`).to.deep.equal(etcdNoSpaceStatus);
      answeredNoSpace.push(`${run}-on-${i}`);
    }
    // Reads and deletes go on. Every acknowledged write is there. A write answered NoSpace may be there too: a member
    // whose own backend was still under the quota accepts the txn, and etcd's apply (quotaApplierV3.Txn) stores it and
    // then answers ErrNoSpace, so kube-apiserver's client gets the same answer for a stored object.
    const listed = (await (await fetch(`${front.url}/api/v1/namespaces/default/configmaps?labelSelector=ha-run%3D${run}`)).json()) as {
      items: { metadata: { name: string } }[];
    };
    const names = listed.items.map((item) => item.metadata.name);
    expect(names).to.include.members(acked);
    expect(
      names.filter((name) => !acked.includes(name)).every((name) => answeredNoSpace.includes(name)),
      `listed ${names}`,
    ).to.equal(true);
    for (const name of names) expect((await fetch(`${front.url}/api/v1/namespaces/default/configmaps/${name}`, { method: 'DELETE' })).status).to.equal(200);
    // The operator's steps (etcd's "space quota" runbook), on every member.
    const endpoints = etcd.members.map((_, i) => etcd.clientURL(i)).join(',');
    // Asynchronously: the members' peer traffic goes through this process's proxies.
    const ctl = async (...args: string[]) =>
      (await promisify(execFile)('etcdctl', ['--endpoints', endpoints, '--command-timeout', '120s', ...args], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } }))
        .stdout;
    const revision = JSON.parse(await ctl('endpoint', 'status', '-w', 'json'))[0].Status.header.revision;
    await ctl('compact', String(revision));
    await ctl('defrag');
    await ctl('alarm', 'disarm');
    const recoveredAt = now();
    for (let i = 0; i < 3; i++) {
      await eventually(
        async () => {
          const res = await create(kapis.url(i), `${run}-after-${i}`);
          expect(res.status, await res.text()).to.equal(201);
        },
        30_000,
        250,
      );
    }
    report['out-of-space'] = { quotaBytes, writesBeforeNoSpace: acked.length, writesBackAfterMs: Math.round((now() - recoveredAt) / 1e6) };
    for (let i = 0; i < 3; i++) expect(kapis.instances[i].proc!.proc.exitCode).to.equal(null);
  });
});
