import { createServerChain, shutdownServerChain, type ServerChain } from '@kapi/controlplane';
import type { ServerRunOptions } from '@kapi/controlplane';

/**
 * `kapi server`: build the chain, listen, report readiness on stdout, and shut down gracefully on
 * SIGTERM/SIGINT (pre-shutdown hooks, open watches closed, storage destroyed once).
 */
export async function runServer(opts: ServerRunOptions, out: NodeJS.WritableStream = process.stdout): Promise<ServerChain> {
  const chain = await createServerChain(opts);
  let url: string;
  try {
    url = await chain.server.run(opts.bindAddress, opts.port);
  } catch (err) {
    await shutdownServerChain(chain);
    throw err;
  }
  out.write(`kapi: serving on ${url} (storage: ${chain.backend.type}${opts.storageBackend === 'embedded' ? `, data dir ${opts.dataDir}` : ''})\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out.write(`kapi: received ${signal}, shutting down\n`);
    shutdownServerChain(chain).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return chain;
}
