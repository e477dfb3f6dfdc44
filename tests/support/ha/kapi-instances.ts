import { startKapi, type KapiProcess } from '../kapi-process';
import { freePort } from '../free-port';
import type { EtcdCluster } from './etcd-cluster';
import type { TcpProxy } from './tcp-proxy';

/**
 * N kapi instances (tests/support/kapi-process: `kapi server` processes from source) on one etcd
 * cluster, each reaching every member through proxies of its own, so a test can cut one instance
 * off from etcd; kill -9 and restart on the same port.
 */
export interface KapiInstance {
  name: string;
  port: number;
  /** This instance's way to each etcd member. */
  etcdProxies: TcpProxy[];
  proc?: KapiProcess;
}

export class KapiInstances {
  private constructor(
    readonly instances: KapiInstance[],
    private readonly extraArgs: string[],
  ) {}

  static async start(cluster: EtcdCluster, n: number, extraArgs: string[] = []): Promise<KapiInstances> {
    const instances: KapiInstance[] = [];
    for (let i = 0; i < n; i++) instances.push({ name: `kapi-${i}`, port: await freePort(), etcdProxies: await cluster.clientProxies() });
    const set = new KapiInstances(instances, extraArgs);
    // One after the other: the first one writes the service account key the others read.
    for (let i = 0; i < n; i++) await set.restart(i);
    return set;
  }

  url(i: number): string {
    return `https://127.0.0.1:${this.instances[i].port}`;
  }

  ports(): number[] {
    return this.instances.map((k) => k.port);
  }

  private args(k: KapiInstance): string[] {
    return ['--storage-backend', 'etcd3', '--etcd-servers', k.etcdProxies.map((p) => p.url).join(','), '--secure-port', String(k.port), ...this.extraArgs];
  }

  /**
   * Starts instance i (again), on its port, and waits until it serves. A port another process took
   * meanwhile (the machine is shared) is given up for a new one: the front and the watchers read
   * the ports afresh.
   */
  async restart(i: number): Promise<void> {
    const k = this.instances[i];
    for (let attempt = 1; ; attempt++) {
      try {
        k.proc = await startKapi(this.args(k), 180_000); // a shared, loaded machine starts slowly
        return;
      } catch (err) {
        if (attempt >= 3 || !/EADDRINUSE/.test(String(err))) throw err;
        k.port = await freePort();
      }
    }
  }

  async kill(i: number): Promise<void> {
    await this.instances[i].proc?.kill();
    this.instances[i].proc = undefined;
  }

  /** SIGTERM: kapi's graceful termination (drains in-flight requests). */
  async stop(i: number): Promise<void> {
    await this.instances[i].proc?.stop();
    this.instances[i].proc = undefined;
  }

  /** Cuts instance i off from etcd (every member), as a partition between its host and etcd's. */
  isolate(i: number): void {
    for (const p of this.instances[i].etcdProxies) p.cut();
  }

  heal(i: number): void {
    for (const p of this.instances[i].etcdProxies) p.heal();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.instances.map((_, i) => this.kill(i)));
    for (const k of this.instances) for (const p of k.etcdProxies) await p.close();
  }
}
