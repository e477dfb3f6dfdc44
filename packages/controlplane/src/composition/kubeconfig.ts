/**
 * A kubeconfig for a local kapi: one cluster, context and (anonymous) user, all named `name`.
 * YAML is plain enough to write by hand; client-node's KubeConfig.loadFromString and kubectl
 * (KUBECONFIG=<file>) both read it.
 */
export function kubeconfigFor(url: string, name = 'kapi', namespace = 'default'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${url}`,
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
    '  user: {}',
    'preferences: {}',
    '',
  ].join('\n');
}
