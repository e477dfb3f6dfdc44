import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { newCertificateAuthority, newClientCertificate, newServingCertificate } from '@kapi/apiserver-core';
import { kubeconfigFor } from '@kapi/controlplane';
import { startKapi, type KapiProcess } from './kapi-process';
import { testPKI } from './test-pki';

/** The Service name and namespace the widgets APIService points at. */
export const widgetsService = { namespace: 'default', name: 'widgets-api', port: 443 };

/**
 * The certificates of an aggregated setup, as kubeadm lays them out: a front-proxy CA and the
 * aggregator's client certificate (CN front-proxy-client), and the extension server's serving
 * certificate for `<service>.<namespace>.svc`, signed by the test CA (the APIService's caBundle).
 */
export interface AggregationPKI {
  frontProxyCAFile: string;
  proxyClientCertFile: string;
  proxyClientKeyFile: string;
  extensionCertFile: string;
  extensionKeyFile: string;
  caBundle: string;
}

export async function aggregationPKI(): Promise<AggregationPKI> {
  const pki = await testPKI();
  const frontProxyCA = await newCertificateAuthority('front-proxy-ca');
  const proxyClient = await newClientCertificate(frontProxyCA, 'front-proxy-client');
  const serving = await newServingCertificate(pki.ca, [`${widgetsService.name}.${widgetsService.namespace}.svc`, 'localhost', '127.0.0.1']);
  const file = (name: string, text: string) => {
    const p = path.join(pki.dir, `aggregation-${name}`);
    writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  return {
    frontProxyCAFile: file('front-proxy-ca.crt', frontProxyCA.certPEM),
    proxyClientCertFile: file('front-proxy-client.crt', proxyClient.certPEM),
    proxyClientKeyFile: file('front-proxy-client.key', proxyClient.keyPEM),
    extensionCertFile: file('extension.crt', serving.certPEM),
    extensionKeyFile: file('extension.key', serving.keyPEM),
    caBundle: Buffer.from(pki.ca.certPEM).toString('base64'),
  };
}

export const requestHeaderArgs = (a: AggregationPKI) => [
  '--requestheader-client-ca-file',
  a.frontProxyCAFile,
  '--requestheader-allowed-names',
  'front-proxy-client',
  '--requestheader-username-headers',
  'X-Remote-User',
  '--requestheader-group-headers',
  'X-Remote-Group',
  '--requestheader-extra-headers-prefix',
  'X-Remote-Extra-',
];

/** `kapi server` as the aggregator: the front-proxy identity, and the extension's Service reachable on loopback. */
export function startAggregator(a: AggregationPKI, extensionPort: number, more: Record<string, number> = {}): Promise<KapiProcess> {
  return startKapi([
    '--storage-backend',
    'memory',
    ...requestHeaderArgs(a),
    '--proxy-client-cert-file',
    a.proxyClientCertFile,
    '--proxy-client-key-file',
    a.proxyClientKeyFile,
    '--aggregator-service-address',
    `${widgetsService.namespace}/${widgetsService.name}:${widgetsService.port}=127.0.0.1:${extensionPort}`,
    ...Object.entries(more).flatMap(([service, port]) => ['--aggregator-service-address', `${service}=127.0.0.1:${port}`]),
    '--aggregator-availability-check-interval',
    '1s',
  ]);
}

/**
 * `kapi server` as an extension apiserver: only the widgets plugin's group, its own secure port and
 * storage, and delegation to the main server as a sample-apiserver's RecommendedOptions: the client and
 * front-proxy CAs and headers read from its extension-apiserver-authentication ConfigMap, bearer tokens
 * reviewed there (TokenReview) and every decision asked there (SubjectAccessReview), with caches.
 */
export async function startExtension(a: AggregationPKI, port: number, mainURL: string, bindAddress = '127.0.0.1'): Promise<KapiProcess> {
  const pki = await testPKI();
  // One kubeconfig of the main server for both: what --authentication-kubeconfig/--authorization-kubeconfig take.
  const coreKubeconfig = path.join(pki.dir, 'aggregation-core.kubeconfig');
  writeFileSync(coreKubeconfig, kubeconfigFor(mainURL, 'main', 'default', { ca: pki.ca.certPEM, cert: pki.admin.certPEM, key: pki.admin.keyPEM }), { mode: 0o600 });
  return startKapi(
    [
      '--storage-backend',
      'memory',
      '--data-dir',
      path.join(pki.dir, 'extension-data'),
      '--secure-port',
      String(port),
      '--bind-address',
      bindAddress,
      '--tls-cert-file',
      a.extensionCertFile,
      '--tls-private-key-file',
      a.extensionKeyFile,
      '--authentication-kubeconfig',
      coreKubeconfig,
      '--authorization-kubeconfig',
      coreKubeconfig,
      '--runtime-config',
      'api/all=false',
      '--runtime-config',
      'widgets.example.dev/v1=true',
      '--plugin',
      '@kapi/example-widgets',
    ],
    30_000,
    { testPKI: false },
  );
}

/** The APIService that routes widgets.example.dev/v1 to the extension's Service. */
export const widgetsAPIService = (a: AggregationPKI) =>
  JSON.stringify({
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1.widgets.example.dev' },
    spec: {
      group: 'widgets.example.dev',
      version: 'v1',
      groupPriorityMinimum: 1000,
      versionPriority: 15,
      service: widgetsService,
      caBundle: a.caBundle,
    },
  });
