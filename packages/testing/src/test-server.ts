import { newClientCertificate, storage, type CertificateAuthority } from '@kapi/apiserver-core';
import { createServer, kubeconfigFor, type CreateServerOptions, type KapiServer } from '@kapi/controlplane';
import { loadKubeConfig, type KubeConfig } from './client-node';
import { installCRDs, readCRDDirectory } from './crd-directory';
import { FakeClock } from './fake-clock';
import { withFaultInjection } from './faults/fault-filter';
import { Faults } from './faults/faults';
import { testingBackend, type TestingStorage } from './testing-backend';
import { waitForRelists, watchCaches } from './watch-caches';

export interface TestServerOptions extends Omit<CreateServerOptions, 'storage' | 'storageBackend' | 'dataDir' | 'etcdServers' | 'embedding'> {
  /** Folders of CustomResourceDefinition YAML; every CRD is Established before startTestServer resolves. */
  crdDirectories?: string[];
  /** Where the kit's clock starts (default: the wall clock's now). */
  clockStart?: number | Date;
}

/** The state of the store at one revision, to go back to (TestServer.restore). */
export interface TestSnapshot {
  readonly revision: number;
  readonly tables: storage.MemoryTablesSnapshot;
}

/**
 * A kapi for one test file, in this process: the built-in groups over the memory store, HTTPS with
 * authentication and authorization as `kapi server` (RBAC and Node, admin via a client
 * certificate), plus what tests need and a real cluster lacks — a clock the test moves, faults it
 * turns on, and snapshots it goes back to in milliseconds.
 */
export class TestServer {
  private initial?: TestSnapshot;
  /** Milliseconds from start() to serving with every CRD established. */
  startupMs = 0;

  private constructor(
    readonly server: KapiServer,
    private readonly kit: TestingStorage,
    readonly clock: FakeClock,
    readonly faults: Faults,
  ) {}

  static async start(options: TestServerOptions = {}): Promise<TestServer> {
    const started = performance.now();
    const { crdDirectories = [], clockStart, ...rest } = options;
    const crds = crdDirectories.flatMap((dir) => readCRDDirectory(dir));
    const clock = new FakeClock(clockStart);
    let kit: TestingStorage | undefined;
    const faults = new Faults();
    const server = await createServer({
      ...rest,
      // One server has no rival for the controllers' Lease: they start at once, and moving the clock
      // does not replay a renewal every 2 s. A test of Lease expiry turns it on (leaderElect: true).
      leaderElection: { leaderElect: false, ...rest.leaderElection },
      embedding: {
        clock,
        storageBackend: testingBackend(clock, (s) => {
          kit = s;
          faults.attachStorage(s.switchable);
        }),
        innerFilters: [withFaultInjection(faults)],
      },
    });
    if (!kit) {
      await server.close();
      throw new Error('the server did not build its storage with the kit backend');
    }
    const ts = new TestServer(server, kit, clock, faults);
    try {
      if (crds.length > 0) await installCRDs(await ts.kubeConfig(), crds);
      ts.initial = ts.snapshot();
    } catch (err) {
      await server.close();
      throw err;
    }
    ts.startupMs = performance.now() - started;
    return ts;
  }

  /** https://127.0.0.1:<port> */
  get url(): string {
    return this.server.url;
  }

  /** The admin's kubeconfig (YAML): system:admin in system:masters, CA and client certificate inline. */
  get kubeconfig(): string {
    return this.server.kubeconfig;
  }

  /** A client-node KubeConfig for the admin. */
  kubeConfig(): Promise<KubeConfig> {
    return loadKubeConfig(this.kubeconfig);
  }

  /**
   * A kubeconfig for `user` in `groups`, by a client certificate the server's CA signs (CN the user,
   * O the groups), so RBAC decides what it may do — as for any user of a real cluster.
   */
  async userKubeconfig(user: string, groups: string[] = []): Promise<string> {
    const { signingCA, servingCA } = this.server.chain.secureServing;
    if (!signingCA || !servingCA) throw new Error('the server has no signing CA (started with --tls-cert-file); users need one');
    const cert = await newClientCertificate(signingCA as CertificateAuthority, user, groups);
    return kubeconfigFor(this.url, 'kapi', 'default', { ca: servingCA, cert: cert.certPEM, key: cert.keyPEM });
  }

  /** userKubeconfig as a client-node KubeConfig. */
  async userKubeConfig(user: string, groups: string[] = []): Promise<KubeConfig> {
    return loadKubeConfig(await this.userKubeconfig(user, groups));
  }

  /** The store's state now (a copy of the in-memory tables: milliseconds, no file). */
  snapshot(): TestSnapshot {
    return { revision: this.kit.memory.revisions().revision, tables: this.kit.memory.snapshot() };
  }

  /**
   * Back to `snapshot` (default: the state when start() resolved) as a real restore does: the
   * resourceVersion moves on past every one handed out, history before it is compacted, every
   * watch ends and a client re-watching from an old resourceVersion gets 410 Expired and re-lists.
   * Resolves once every watch cache has re-listed the restored state.
   */
  async restore(snapshot: TestSnapshot | undefined = this.initial): Promise<{ revision: number; ms: number }> {
    if (!snapshot) throw new Error('nothing to restore: no snapshot was taken');
    const started = performance.now();
    const caches = watchCaches(this.groups());
    const before = new Map(caches.map((c) => [c, c.listCount]));
    const revision = await this.kit.memory.restore(snapshot.tables);
    await waitForRelists(before);
    return { revision, ms: performance.now() - started };
  }

  /** restore() to the state at start, with every fault cleared: what a test's afterEach wants. */
  async reset(): Promise<{ revision: number; ms: number }> {
    this.faults.clear();
    return this.restore();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private groups() {
    const chain = this.server.chain;
    return [...chain.instance.groups.values(), ...chain.apiExtensions.handler.groupInfos().values()];
  }
}

/** `await startTestServer()` — TestServer.start. */
export const startTestServer = (options?: TestServerOptions): Promise<TestServer> => TestServer.start(options);
