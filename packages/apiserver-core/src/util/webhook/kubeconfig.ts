import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jsYaml } from '../yaml';

/**
 * What a webhook client needs from a kubeconfig file (webhookutil.LoadKubeconfig): the server URL
 * of the cluster and how to trust it, and the client credentials of the user.
 */
export interface WebhookClientConfig {
  server: string;
  ca?: Buffer;
  insecureSkipTLSVerify: boolean;
  tlsServerName?: string;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
}

interface NamedCluster {
  name: string;
  cluster?: Record<string, unknown>;
}
interface NamedUser {
  name: string;
  user?: Record<string, unknown>;
}
interface NamedContext {
  name: string;
  context?: { cluster?: string; user?: string };
}
interface Kubeconfig {
  clusters?: NamedCluster[];
  users?: NamedUser[];
  contexts?: NamedContext[];
  'current-context'?: string;
}

/**
 * Reads a kubeconfig file: the current context's cluster and user, or — with no current context —
 * the file's only cluster and user. Relative file paths are relative to the kubeconfig, as
 * clientcmd resolves them.
 */
export function loadWebhookKubeconfig(file: string): WebhookClientConfig {
  let doc: Kubeconfig;
  try {
    doc = (jsYaml().load(readFileSync(file, 'utf8')) ?? {}) as Kubeconfig;
  } catch (err) {
    throw new Error(`failed to load kubeconfig ${file}: ${(err as Error).message}`);
  }
  const { cluster, user } = selectEntries(doc, file);
  const server = str(cluster, 'server');
  if (!server) throw new Error(`invalid configuration: no server found for cluster in ${file}`);
  const dir = path.dirname(file);
  return {
    server,
    ca: bytes(cluster, 'certificate-authority-data', 'certificate-authority', dir),
    insecureSkipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: str(cluster, 'tls-server-name'),
    cert: bytes(user, 'client-certificate-data', 'client-certificate', dir),
    key: bytes(user, 'client-key-data', 'client-key', dir),
    token: str(user, 'token') ?? fileText(str(user, 'tokenFile'), dir),
  };
}

function selectEntries(doc: Kubeconfig, file: string): { cluster: Record<string, unknown>; user: Record<string, unknown> } {
  const current = doc['current-context'];
  if (current) {
    const context = doc.contexts?.find((c) => c.name === current)?.context;
    if (!context) throw new Error(`invalid configuration: context was not found for specified context: ${current}`);
    const cluster = doc.clusters?.find((c) => c.name === context.cluster)?.cluster;
    if (!cluster) throw new Error(`invalid configuration: cluster "${context.cluster ?? ''}" not found in ${file}`);
    return { cluster, user: doc.users?.find((u) => u.name === context.user)?.user ?? {} };
  }
  if (doc.clusters?.length !== 1) throw new Error(`invalid configuration: no configuration has been provided in ${file}`);
  return { cluster: doc.clusters[0].cluster ?? {}, user: doc.users?.[0]?.user ?? {} };
}

function str(entry: Record<string, unknown>, key: string): string | undefined {
  const value = entry[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bytes(entry: Record<string, unknown>, dataKey: string, fileKey: string, dir: string): Buffer | undefined {
  const data = str(entry, dataKey);
  if (data) return Buffer.from(data, 'base64');
  const file = str(entry, fileKey);
  return file ? readFileSync(path.resolve(dir, file)) : undefined;
}

function fileText(file: string | undefined, dir: string): string | undefined {
  return file ? readFileSync(path.resolve(dir, file), 'utf8').trim() : undefined;
}
