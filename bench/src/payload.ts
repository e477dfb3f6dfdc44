/**
 * The one payload of every figure: a ConfigMap of about 1 KB of JSON once the server has added
 * uid, creationTimestamp and resourceVersion — the size of a small real object.
 */
export interface ConfigMapBody {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: { name: string; namespace: string; labels: Record<string, string>; uid?: string; creationTimestamp?: string; resourceVersion?: string };
  data: Record<string, string>;
}

export function configMap(namespace: string, name: string, extra: Record<string, string> = {}): ConfigMapBody {
  const data: Record<string, string> = { ...extra };
  // Eight entries of ~80 bytes: realistic keys and values rather than one long blob.
  for (let i = 0; i < 8; i++) data[`setting-${i}.properties`] = `key.${i}=${'v'.repeat(60)};mode=bench`;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { app: 'kapi-bench', tier: 'config' } },
    data,
  };
}

/**
 * A create body split around its name, so a load generator sends a fresh name per request without
 * re-serializing the object each time.
 */
export function configMapTemplate(namespace: string): { head: string; tail: string } {
  const marker = '__NAME__';
  const json = JSON.stringify(configMap(namespace, marker));
  const at = json.indexOf(marker);
  return { head: json.slice(0, at), tail: json.slice(at + marker.length) };
}

/** The ConfigMap as kapi stores it (server-set fields filled), for raw etcd writes of the same bytes. */
export function storedConfigMapBytes(namespace: string, name: string): Buffer {
  const obj = configMap(namespace, name);
  obj.metadata.uid = '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f';
  obj.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
  return Buffer.from(JSON.stringify(obj));
}

export const namespaces = {
  create: 'bench-create',
  get: 'bench-get',
  list: 'bench-list',
  watch: 'bench-watch',
  memory: 'bench-memory',
} as const;

export const getTargetName = 'target';
