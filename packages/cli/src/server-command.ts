import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { builtinGroupModules, createServer, ensureAdminKubeconfig, type KapiServer, type ServerRunOptions } from '@kapi/controlplane';

/**
 * `kapi server`: the composition API with kapi's built-in groups and the --plugin modules; reports
 * readiness on stdout and shuts down gracefully on SIGTERM/SIGINT (GenericAPIServer.shutdown:
 * not ready, delay, drain, watches ended, storage closed last); a second signal exits at once.
 */
export async function runServer(opts: ServerRunOptions, out: NodeJS.WritableStream = process.stdout): Promise<KapiServer> {
  // Certificates live in --cert-dir (default <data-dir>/pki) so clients keep trusting them across restarts.
  const certDir = opts.certDir || path.join(opts.dataDir, 'pki');
  const server = await createServer({ ...opts, certDir, modules: builtinGroupModules });
  // As kube-apiserver's signal handler: the first SIGTERM/SIGINT starts graceful termination
  // (exit 0 once storage is closed), a second one exits at once with 1. Installed before the
  // server says it serves, so that a signal sent as soon as it does is never Node's default exit.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      out.write(`kapi: received ${signal} again, exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    out.write(`kapi: received ${signal}, shutting down\n`);
    server.close().then(
      () => {
        out.write('kapi: shut down\n');
        process.exit(0);
      },
      (err: Error) => {
        out.write(`kapi: shutdown failed: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const plugins = opts.plugins.length ? `, plugins: ${opts.plugins.join(', ')}` : '';
  const dataDir = opts.storageBackend === 'embedded' ? `, data dir ${opts.dataDir}` : '';
  out.write(`kapi: serving on ${server.url} (storage: ${server.chain.backend.type}${dataDir}${plugins}, ready in ${Math.round(server.startupMs)} ms)\n`);
  const insecure = server.chain.server.insecureURL();
  if (insecure) out.write(`kapi: WARNING: also serving insecurely on ${insecure}: no authentication, no authorization, every request is system:unsecured in system:masters\n`);
  await writeAdminKubeconfig(server, opts, out);
  return server;
}

/** As k3s writes k3s.yaml: <data-dir>/admin.kubeconfig for system:admin, when kapi holds the CA that clients chain to. */
async function writeAdminKubeconfig(server: KapiServer, opts: ServerRunOptions, out: NodeJS.WritableStream): Promise<void> {
  const { signingCA, servingCA } = server.chain.secureServing;
  if (!signingCA || !servingCA) return;
  mkdirSync(opts.dataDir, { recursive: true });
  const file = path.resolve(opts.dataDir, 'admin.kubeconfig');
  const done = await ensureAdminKubeconfig(file, server.url, signingCA, servingCA);
  out.write(`kapi: ${done === 'unchanged' ? 'admin kubeconfig' : `wrote admin kubeconfig (${done})`} ${file} — KUBECONFIG=${file} kubectl get ns\n`);
}
