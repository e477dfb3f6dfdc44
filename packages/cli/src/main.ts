import { parseServerFlags, usage, UsageError } from './flags';
import { runServer } from './server-command';
import { kubeAPIServerArgs } from './kube-apiserver-command';
import { runSnapshot } from './snapshot-command';

const rootUsage = `kapi - a Kubernetes-compatible API server framework\n\nUsage:\n  kapi [command]\n\nAvailable Commands:\n  server          Run the API server\n  kube-apiserver  Run the API server with kube-apiserver's defaults (a drop-in for envtest)\n  snapshot        Save or restore a snapshot of the embedded storage\n\nUse "kapi server --help" for more information.\n`;

/** The kapi command line. Resolves to an exit code for usage outcomes; a running server keeps the process alive. */
export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(rootUsage);
    return 0;
  }
  if (command === 'snapshot') return snapshotCommand(rest);
  if (command === 'kube-apiserver') return main(['server', ...kubeAPIServerArgs(rest)]);
  if (command !== 'server') {
    process.stderr.write(`Error: unknown command "${command}" for "kapi"\nRun 'kapi --help' for usage.\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseServerFlags(rest);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`Error: ${err.message}\nRun 'kapi server --help' for usage.\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(usage());
    return 0;
  }
  try {
    await runServer(parsed.options);
    return undefined;
  } catch (err) {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  }
}

async function snapshotCommand(argv: string[]): Promise<number> {
  try {
    return await runSnapshot(argv);
  } catch (err) {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    if (err instanceof UsageError) process.stderr.write(`Run 'kapi snapshot --help' for usage.\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
