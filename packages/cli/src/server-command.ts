import { builtinGroupModules, createServer, type KapiServer, type ServerRunOptions } from '@kapi/controlplane';

/**
 * `kapi server`: the composition API with kapi's built-in groups and the --plugin modules; reports
 * readiness on stdout and shuts down gracefully on SIGTERM/SIGINT (pre-shutdown hooks, open
 * watches closed, storage destroyed once).
 */
export async function runServer(opts: ServerRunOptions, out: NodeJS.WritableStream = process.stdout): Promise<KapiServer> {
  const server = await createServer({ ...opts, modules: builtinGroupModules });
  const plugins = opts.plugins.length ? `, plugins: ${opts.plugins.join(', ')}` : '';
  const dataDir = opts.storageBackend === 'embedded' ? `, data dir ${opts.dataDir}` : '';
  out.write(`kapi: serving on ${server.url} (storage: ${server.chain.backend.type}${dataDir}${plugins}, ready in ${Math.round(server.startupMs)} ms)\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out.write(`kapi: received ${signal}, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return server;
}
