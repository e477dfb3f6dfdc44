/** Manifests the scenarios create through REST for their set-up. */

export const configMap = (namespace: string, name: string, data?: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, ...(labels ? { labels } : {}) },
  ...(data ? { data } : {}),
});

/** A two-replica deployment with one container named nginx, as `kubectl create deployment` would build it. */
export const deployment = (namespace: string, name = 'web', image = 'nginx:1.27') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels: { app: name } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'nginx', image, env: [{ name: 'MODE', value: 'fast' }] }] },
    },
  },
});
