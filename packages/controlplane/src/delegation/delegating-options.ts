import { mkdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { loadWebhookKubeconfig, retrying, type WebhookClientConfig } from '@kapi/apiserver-core';
import type { ServerRunOptions } from '../options';

/**
 * --authentication-kubeconfig and --authorization-kubeconfig (k8s.io/apiserver's
 * DelegatingAuthenticationOptions and DelegatingAuthorizationOptions, what RecommendedOptions gives a
 * sample-apiserver): the kubeconfig of the core kube-apiserver this server defers to.
 */
export interface DelegatingOptions {
  authenticationKubeconfig?: string;
  authorizationKubeconfig?: string;
}

const tokenReviewPath = '/apis/authentication.k8s.io/v1/tokenreviews';
const subjectAccessReviewPath = '/apis/authorization.k8s.io/v1/subjectaccessreviews';
const authenticationConfigMapPath = '/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication';

/** The kubeconfig's client, aimed at one path of the core server (the review endpoints). */
function clientFor(kubeconfig: string, apiPath: string): WebhookClientConfig {
  const config = loadWebhookKubeconfig(kubeconfig);
  return { ...config, server: new URL(apiPath, config.server.endsWith('/') ? config.server : `${config.server}/`).toString().replace(/(?<!:)\/\//g, '/') };
}

/** One GET with the kubeconfig's credentials; the ConfigMap kube-apiserver publishes for extension servers. */
function getJSON(config: WebhookClientConfig, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const url = new URL(config.server);
  const request = url.protocol === 'https:' ? https.get : http.get;
  const headers: http.OutgoingHttpHeaders = { Accept: 'application/json' };
  if (config.token) headers.Authorization = `Bearer ${config.token}`;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        headers,
        timeout: timeoutMs,
        ca: config.ca,
        cert: config.cert,
        key: config.key,
        rejectUnauthorized: !config.insecureSkipTLSVerify,
        servername: config.tlsServerName,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`unable to load configmap based request-header-client-ca-file: GET ${url}: ${res.statusCode} ${text.slice(0, 200)}`));
          else resolve(JSON.parse(text));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: timeout`)));
    req.on('error', reject);
  });
}

const list = (json: string | undefined): string[] | undefined => (json ? (JSON.parse(json) as string[]) : undefined);

/**
 * Options with the delegation applied: bearer tokens reviewed and every decision asked at the core
 * server (v1 reviews, cached 10s as DelegatingAuthenticationOptions/DelegatingAuthorizationOptions
 * default), and — unless --requestheader-client-ca-file / --client-ca-file were given — the client CA
 * and front-proxy settings read once from kube-system/extension-apiserver-authentication (written
 * under --data-dir, where the authenticators read their files).
 */
export async function withDelegation(opts: ServerRunOptions): Promise<ServerRunOptions> {
  const d = opts.delegation;
  if (!d?.authenticationKubeconfig && !d?.authorizationKubeconfig) return opts;
  const out: ServerRunOptions = { ...opts };
  if (d.authorizationKubeconfig) {
    out.authorization = {
      ...opts.authorization,
      modes: ['Webhook'],
      webhookVersion: 'v1',
      webhookClient: clientFor(d.authorizationKubeconfig, subjectAccessReviewPath),
      webhookCacheAuthorizedTTLMs: 10_000,
      webhookCacheUnauthorizedTTLMs: 10_000,
    };
  }
  if (d.authenticationKubeconfig) {
    out.tokenWebhook = { client: clientFor(d.authenticationKubeconfig, tokenReviewPath), version: 'v1', cacheTTLMs: 10_000 };
    if (!opts.requestHeader?.clientCAFile || !opts.clientCAFile) await lookupAuthenticationInfo(out, d.authenticationKubeconfig);
  }
  return out;
}

/** The ConfigMap's client CA and request-header settings, for the ones not given as flags. */
async function lookupAuthenticationInfo(out: ServerRunOptions, kubeconfig: string): Promise<void> {
  // The core server writes the ConfigMap after it starts: wait for it a while, as kube's delegating authenticator does.
  let cm: Record<string, unknown> = {};
  await retrying(
    async () => {
      cm = await getJSON(clientFor(kubeconfig, authenticationConfigMapPath));
    },
    30_000,
    500,
  );
  const data = (cm.data ?? {}) as Record<string, string>;
  const dir = path.join(out.dataDir, 'delegated-authentication');
  mkdirSync(dir, { recursive: true });
  const write = (name: string, pem: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, pem, { mode: 0o600 });
    return file;
  };
  if (!out.clientCAFile && data['client-ca-file']) out.clientCAFile = write('client-ca.crt', data['client-ca-file']);
  if (!out.requestHeader?.clientCAFile && data['requestheader-client-ca-file']) {
    out.requestHeader = {
      clientCAFile: write('requestheader-client-ca.crt', data['requestheader-client-ca-file']),
      allowedNames: list(data['requestheader-allowed-names']),
      usernameHeaders: list(data['requestheader-username-headers']),
      uidHeaders: list(data['requestheader-uid-headers']),
      groupHeaders: list(data['requestheader-group-headers']),
      extraHeaderPrefixes: list(data['requestheader-extra-headers-prefix']),
    };
  }
}
