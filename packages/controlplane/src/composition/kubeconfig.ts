/** PEM credentials written inline into a kubeconfig (certificate-authority-data, client-certificate-data, client-key-data). */
export interface KubeconfigCredentials {
  /** The CA bundle that verifies the server's certificate. */
  ca?: string;
  /** A client certificate and key. */
  cert?: string;
  key?: string;
}

/** PEM text as the base64 of a kubeconfig's *-data fields. */
export const kubeconfigData = (pem: string): string => Buffer.from(pem).toString('base64');

/**
 * A kubeconfig for a local kapi: one cluster, context and user, all named `name`. YAML is plain
 * enough to write by hand; client-node's KubeConfig.loadFromString and kubectl (KUBECONFIG=<file>)
 * both read it.
 */
export function kubeconfigFor(url: string, name = 'kapi', namespace = 'default', credentials: KubeconfigCredentials = {}): string {
  const user =
    credentials.cert && credentials.key
      ? ['  user:', `    client-certificate-data: ${kubeconfigData(credentials.cert)}`, `    client-key-data: ${kubeconfigData(credentials.key)}`]
      : ['  user: {}'];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${url}`,
    ...(credentials.ca ? [`    certificate-authority-data: ${kubeconfigData(credentials.ca)}`] : []),
    // client-node 1.x refuses plain http unless TLS verification is explicitly off; kubectl ignores it for http.
    ...(url.startsWith('http:') ? ['    insecure-skip-tls-verify: true'] : []),
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    `    user: ${name}`,
    `    namespace: ${namespace}`,
    `current-context: ${name}`,
    'users:',
    `- name: ${name}`,
    ...user,
    'preferences: {}',
    '',
  ].join('\n');
}
