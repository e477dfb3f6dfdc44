import type { interfaces } from 'inversify';
import { defaultServerRunOptions, type ServerRunOptions } from '../options';
import { loadPlugins } from '../plugins/load-plugin';
import { builtinGroupModules, createServerChain, shutdownServerChain, type ServerChain } from '../server-chain';
import { kubeconfigFor } from './kubeconfig';
import { adminKubeconfig } from '../secure-serving/admin-kubeconfig';

/** Where a composed server keeps its objects. */
export type StorageOption = 'memory' | 'embedded' | 'etcd3' | { type: 'memory' } | { type: 'embedded'; dataDir: string } | { type: 'etcd3'; servers: string[]; prefix?: string };

export interface CreateServerOptions extends Partial<Omit<ServerRunOptions, 'plugins'>> {
  /** The group modules to install (ContainerModules binding RESTStorageProviders). Default: kapi's built-in groups. */
  modules?: interfaces.ContainerModule[];
  /** Plugins to load as `--plugin` does (package names or paths), installed after `modules`. */
  plugins?: string[];
  /**
   * The storage backend; wins over the flag-style `storageBackend`/`dataDir`/`etcdServers`. Default:
   * memory — nothing to install, nothing left behind.
   */
  storage?: StorageOption;
  /** Directory plugin paths and package names resolve from; default process.cwd(). */
  cwd?: string;
}

/** A running, composed apiserver. */
export interface KapiServer {
  /** https://127.0.0.1:<port> */
  url: string;
  /**
   * A kubeconfig (YAML) pointing at `url` with inline CA and admin client certificate
   * (system:admin in system:masters), for KubeConfig.loadFromString or a KUBECONFIG file.
   */
  kubeconfig: string;
  /** The same credentials as PEM, for other HTTP clients (`new Agent({ connect: server.tls })`); absent with --tls-cert-file. */
  tls?: { ca: string; cert: string; key: string };
  /** The chain underneath (container, Instance, GenericAPIServer, storage backend) for tests that look inside. */
  chain: ServerChain;
  /** Milliseconds from the call to serving, post-start hooks included. */
  startupMs: number;
  /** Graceful shutdown (open watches ended, storage destroyed); safe to call twice. */
  close(): Promise<void>;
}

function storageFlags(storage: StorageOption): Partial<ServerRunOptions> {
  const s = typeof storage === 'string' ? { type: storage } : storage;
  switch (s.type) {
    case 'embedded':
      return { storageBackend: 'embedded', ...('dataDir' in s ? { dataDir: s.dataDir } : {}) };
    case 'etcd3':
      return { storageBackend: 'etcd3', ...('servers' in s ? { etcdServers: s.servers } : {}), ...('prefix' in s && s.prefix ? { etcdPrefix: s.prefix } : {}) };
    default:
      return { storageBackend: s.type };
  }
}

/**
 * The composition API: build an apiserver from chosen group modules, plugins and a storage
 * backend, and serve it — by default in-process on a free loopback port over memory storage,
 * which is what operator tests want (envtest without binaries). `kapi server` is built on it.
 * It serves HTTPS only: without --tls-cert-file, --cert-dir or `signingCA`, a CA made in memory
 * signs its serving certificate and the admin certificate of `kubeconfig`.
 *
 * ```ts
 * const server = await createServer({ modules: [...builtinGroupModules, widgetsModule] });
 * const kc = new KubeConfig(); kc.loadFromString(server.kubeconfig);
 * …
 * await server.close();
 * ```
 */
export async function createServer(options: CreateServerOptions = {}): Promise<KapiServer> {
  const started = performance.now();
  const { modules = builtinGroupModules, plugins = [], storage, cwd, ...flags } = options;
  const opts: ServerRunOptions = {
    ...defaultServerRunOptions(),
    securePort: 0,
    storageBackend: 'memory',
    ...flags,
    ...(storage ? storageFlags(storage) : {}),
    plugins,
  };
  const pluginModules = loadPlugins(plugins, cwd).map((p) => p.module);
  const chain = await createServerChain(opts, [...modules, ...pluginModules]);
  let url: string;
  try {
    url = await chain.server.run(opts.bindAddress, opts.securePort);
  } catch (err) {
    await shutdownServerChain(chain);
    throw err;
  }
  let closing: Promise<void> | undefined;
  const { signingCA, servingCA } = chain.secureServing;
  const admin = signingCA && servingCA ? await adminKubeconfig(url, signingCA, servingCA) : undefined;
  return {
    url,
    kubeconfig: admin?.kubeconfig ?? kubeconfigFor(url),
    tls: admin && servingCA ? { ca: servingCA, cert: admin.cert, key: admin.key } : undefined,
    chain,
    startupMs: performance.now() - started,
    close: () => (closing ??= shutdownServerChain(chain)),
  };
}
