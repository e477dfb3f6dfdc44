import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TcpProxy } from './tcp-proxy';
import { freePort } from '../free-port';

/**
 * A real etcd cluster on loopback (Debian's etcd, scripts/ensure-etcd.sh), each member's peer
 * traffic through a TcpProxy of the test process so that a test can cut a member off from its
 * peers without root. Members are killed with SIGKILL and restarted on their data dirs; the leader
 * is found through etcd's own /v3/maintenance/status. Clients (kapi instances) get their own
 * proxies in front of the members' client ports (clientProxies), so one client can be cut off alone.
 */
export interface EtcdMember {
  name: string;
  /** rafthttp's member ID (hex), as peers name themselves in X-Server-From. */
  id: string;
  clientPort: number;
  peerPort: number;
  /** Where the other members reach this one (the advertised peer URL). */
  peerProxy: TcpProxy;
  dataDir: string;
  proc?: ChildProcess;
  log: string;
}

export interface EtcdClusterOptions {
  size?: number;
  /** More etcd flags for every member (--quota-backend-bytes …). */
  extraArgs?: string[];
}

const exitHooked = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of exitHooked) p.kill('SIGKILL');
});

/** X-Server-From of a rafthttp request: the sending member. */
const senderOf = (head: string) => /\r\nX-Server-From: ([0-9a-f]+)\r\n/i.exec(head)?.[1];

export class EtcdCluster {
  private constructor(
    readonly members: EtcdMember[],
    private readonly args: (m: EtcdMember) => string[],
    private readonly root: string,
  ) {}

  /** Starts the members; once more on fresh ports if one was taken meanwhile (the machine is shared). */
  static async start(opts: EtcdClusterOptions = {}): Promise<EtcdCluster> {
    try {
      return await EtcdCluster.startOnce(opts);
    } catch (err) {
      if (!/address already in use/.test(String(err))) throw err;
      return EtcdCluster.startOnce(opts);
    }
  }

  private static async startOnce(opts: EtcdClusterOptions): Promise<EtcdCluster> {
    const size = opts.size ?? 3;
    const root = mkdtempSync(path.join(tmpdir(), 'kapi-etcd-cluster-'));
    const members: EtcdMember[] = [];
    for (let i = 0; i < size; i++) {
      const peerPort = await freePort();
      members.push({
        name: `m${i}`,
        id: '',
        clientPort: await freePort(),
        peerPort,
        peerProxy: await TcpProxy.start(peerPort, { label: senderOf }),
        dataDir: path.join(root, `m${i}`),
        log: '',
      });
    }
    const initialCluster = members.map((m) => `${m.name}=${m.peerProxy.url}`).join(',');
    const args = (m: EtcdMember) => [
      '--name',
      m.name,
      '--data-dir',
      m.dataDir,
      '--listen-client-urls',
      `http://127.0.0.1:${m.clientPort}`,
      '--advertise-client-urls',
      `http://127.0.0.1:${m.clientPort}`,
      '--listen-peer-urls',
      `http://127.0.0.1:${m.peerPort}`,
      '--initial-advertise-peer-urls',
      m.peerProxy.url,
      '--initial-cluster',
      initialCluster,
      '--initial-cluster-state',
      'new',
      '--initial-cluster-token',
      path.basename(root),
      // etcd 3.5's default: a member back from a partition does not depose a working leader.
      '--pre-vote',
      '--log-level',
      'warn',
      '--logger',
      'zap',
      ...(opts.extraArgs ?? []),
    ];
    const cluster = new EtcdCluster(members, args, root);
    for (const m of members) cluster.launch(m);
    try {
      await cluster.waitHealthy(30_000);
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    for (const m of members) m.id = BigInt((await cluster.status(m))!.header.member_id).toString(16);
    return cluster;
  }

  clientURL(i: number): string {
    return `http://127.0.0.1:${this.members[i].clientPort}`;
  }

  /** One TcpProxy per member in front of its client port, for one client to use alone. */
  async clientProxies(): Promise<TcpProxy[]> {
    return Promise.all(this.members.map((m) => TcpProxy.start(m.clientPort)));
  }

  private launch(m: EtcdMember): void {
    const proc = spawn('etcd', this.args(m), { stdio: ['ignore', 'ignore', 'pipe'] });
    m.proc = proc;
    m.log = '';
    exitHooked.add(proc);
    proc.stderr!.on('data', (d: Buffer) => (m.log = (m.log + d.toString()).slice(-8000)));
    proc.once('exit', () => exitHooked.delete(proc));
  }

  /** SIGKILL: no flush, no goodbye to the peers. */
  async kill(i: number): Promise<void> {
    const proc = this.members[i].proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    this.members[i].proc = undefined;
  }

  /** Starts a killed member again on its data dir and waits until it serves. */
  async restart(i: number, timeoutMs = 30_000): Promise<void> {
    this.launch(this.members[i]);
    const deadline = Date.now() + timeoutMs;
    while (!(await this.healthy(i))) {
      if (Date.now() > deadline) throw new Error(`etcd ${this.members[i].name} not healthy after restart:\n${this.members[i].log}`);
      await sleep(100);
    }
  }

  /** Cuts member i off from its peers: its inbound peer links, and its links into every other member. */
  isolate(i: number): void {
    this.members.forEach((m, j) => (j === i ? m.peerProxy.cut() : m.peerProxy.cut(this.members[i].id)));
  }

  heal(): void {
    for (const m of this.members) m.peerProxy.heal();
  }

  /** etcd's view of itself (/v3/maintenance/status through the gRPC gateway), undefined if it does not answer. */
  async status(m: EtcdMember): Promise<{ header: { member_id: string; revision: string }; leader: string; dbSize: string } | undefined> {
    try {
      const res = await fetch(`http://127.0.0.1:${m.clientPort}/v3/maintenance/status`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(1000) });
      return res.ok ? ((await res.json()) as never) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The index of the member the running members agree is the leader, if they do. */
  async leader(): Promise<number | undefined> {
    const views = await Promise.all(this.members.map((m) => (m.proc ? this.status(m) : undefined)));
    const leaders = new Set(views.filter((v) => v?.leader && v.leader !== '0').map((v) => BigInt(v!.leader).toString(16)));
    if (leaders.size !== 1) return undefined;
    const id = [...leaders][0];
    return this.members.findIndex((m) => m.id === id);
  }

  /** A member that is not the leader. */
  async follower(): Promise<number> {
    const leader = await this.leader();
    if (leader === undefined) throw new Error('the cluster has no leader');
    return (leader + 1) % this.members.length;
  }

  async healthy(i: number): Promise<boolean> {
    try {
      const res = await fetch(`${this.clientURL(i)}/health`, { signal: AbortSignal.timeout(1000) });
      return res.ok && /"health":\s*"true"/.test(await res.text());
    } catch {
      return false;
    }
  }

  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = await Promise.all(this.members.map((_, i) => this.healthy(i)));
      if (ok.every(Boolean) && (await this.leader()) !== undefined) return;
      const dead = this.members.find((m) => m.proc && m.proc.exitCode !== null);
      if (dead) throw new Error(`etcd ${dead.name} exited:\n${dead.log}`);
      if (Date.now() > deadline) throw new Error(`the etcd cluster is not healthy after ${timeoutMs} ms:\n${this.members.map((m) => `${m.name}: ${m.log}`).join('\n')}`);
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    for (let i = 0; i < this.members.length; i++) await this.kill(i);
    for (const m of this.members) await m.peerProxy.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
