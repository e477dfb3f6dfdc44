import { versionInfo } from '@kapi/apiserver-core/version';
import { parseServerFlags, usage, UsageError } from './flags';
import { kubeAPIServerArgs } from './kube-apiserver-command';
import { runSnapshot } from './snapshot-command';
import { runDefrag } from './defrag-command';
import { isWorker, reportServing, runPrimary, workerIdEnv, workerOutput } from './workers';

const rootUsage = `kapi - a Kubernetes-compatible API server framework\n\nUsage:\n  kapi [command]\n\nAvailable Commands:\n  server          Run the API server\n  kube-apiserver  Run the API server with kube-apiserver's defaults (a drop-in for envtest)\n  snapshot        Save or restore a snapshot of the embedded storage\n  defrag          Give the embedded storage's free pages back to the disk\n\nUse "kapi server --help" for more information.\n`;

/** The kapi command line. Resolves to an exit code for usage outcomes; a running server keeps the process alive. */
export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(rootUsage);
    return 0;
  }
  if (command === '--version') return printVersion();
  if (command === 'snapshot') return offlineCommand('snapshot', runSnapshot, rest);
  if (command === 'defrag') return offlineCommand('defrag', runDefrag, rest);
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
  if (parsed.version) return printVersion();
  try {
    // Loaded only to serve: --help and --version answer without the control plane.
    const { runServer } = require('./server-command') as typeof import('./server-command');
    // --workers N: this process only runs the workers, each of which runs the server (workers.ts).
    if (parsed.workers > 1 && !isWorker()) {
      await runPrimary(parsed.workers, parsed.options);
      return undefined;
    }
    const worker = process.env[workerIdEnv];
    const server = await runServer(parsed.options, worker ? workerOutput(worker) : process.stdout);
    if (worker) reportServing(server.url);
    return undefined;
  } catch (err) {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  }
}

/** `--version` as kube-apiserver prints it ("Kubernetes v1.32.4"). */
function printVersion(): number {
  process.stdout.write(`Kubernetes ${versionInfo.gitVersion}\n`);
  return 0;
}

/** A command on the data dir (snapshot, defrag): errors printed, usage errors exit 2. */
async function offlineCommand(name: string, run: (argv: string[]) => Promise<number>, argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (err) {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    if (err instanceof UsageError) process.stderr.write(`Run 'kapi ${name} --help' for usage.\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
