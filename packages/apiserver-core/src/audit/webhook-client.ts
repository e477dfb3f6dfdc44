import { readFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { jsYaml } from '../util/yaml';

/**
 * The client of a webhook described by a kubeconfig file (webhook.NewGenericWebhook): the current
 * context's cluster (server, CA, TLS server name, insecure-skip-tls-verify) and user (client
 * certificate, bearer token, basic auth). Relative file paths are relative to the kubeconfig.
 */
export interface WebhookClient {
  url: URL;
  post(body: string, timeoutMs: number): Promise<{ code: number; body: string }>;
}

interface NamedEntry<T> {
  name: string;
  [key: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}
interface Cluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
}
interface AuthInfo {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
}
interface Kubeconfig {
  clusters?: NamedEntry<Cluster>[];
  users?: NamedEntry<AuthInfo>[];
  contexts?: NamedEntry<{ cluster?: string; user?: string }>[];
  'current-context'?: string;
}

export function loadWebhookClient(kubeconfigPath: string): WebhookClient {
  let config: Kubeconfig;
  try {
    config = (jsYaml().load(readFileSync(kubeconfigPath, 'utf8')) ?? {}) as Kubeconfig;
  } catch (err) {
    throw new Error(`invalid configuration: ${(err as Error).message}`);
  }
  const dir = path.dirname(path.resolve(kubeconfigPath));
  const file = (p: string) => readFileSync(path.resolve(dir, p));
  const data = (inline: string | undefined, p: string | undefined) => (inline ? Buffer.from(inline, 'base64') : p ? file(p) : undefined);
  const contextName = config['current-context'] || config.contexts?.[0]?.name;
  const context = config.contexts?.find((c) => c.name === contextName)?.context;
  const cluster = (context ? config.clusters?.find((c) => c.name === context.cluster) : config.clusters?.[0])?.cluster;
  const user = (context ? config.users?.find((u) => u.name === context.user) : config.users?.[0])?.user ?? {};
  if (!cluster?.server) throw new Error('invalid configuration: no configuration has been provided');
  const url = new URL(cluster.server);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const token = user.token ?? (user.tokenFile ? file(user.tokenFile).toString('utf8').trim() : undefined);
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (user.username) headers.Authorization = `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`;
  const tls: https.AgentOptions = {
    ca: data(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: data(user['client-certificate-data'], user['client-certificate']),
    key: data(user['client-key-data'], user['client-key']),
    rejectUnauthorized: !cluster['insecure-skip-tls-verify'],
    servername: cluster['tls-server-name'],
  };
  const agent = url.protocol === 'https:' ? new https.Agent({ ...tls, keepAlive: true }) : new http.Agent({ keepAlive: true });
  const transport = url.protocol === 'https:' ? https : http;
  return {
    url,
    post(body, timeoutMs) {
      return new Promise((resolve, reject) => {
        const req = transport.request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ code: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}
