import { allResourcesEnabled, GenericAPIServer, storage, StorageFactoryRestOptionsFactory, type APIGroupInfo, type StorageBackend } from '@kapi/apiserver-core';
import { LegacyRESTStorageProvider } from '../rest/storage-core';
import type { LegacyRESTStorageConfig } from '../rest/legacy-config';

/** A real server on a loopback port serving only the legacy group, over the memory backend. */
export interface LegacyAPIServer {
  url: string;
  info: APIGroupInfo;
  backend: StorageBackend;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; text: string }>;
  close(): Promise<void>;
}

export async function startLegacyAPIServer(config: Partial<LegacyRESTStorageConfig> = {}, backend?: StorageBackend): Promise<LegacyAPIServer> {
  const be = backend ?? (await storage.newMemoryBackend({ type: 'memory', prefix: '/registry' }));
  const server = new GenericAPIServer({ logLevel: 'silent' });
  const getter = new StorageFactoryRestOptionsFactory({ config: { type: be.type, prefix: '/registry' }, backend: be });
  const provider = new LegacyRESTStorageProvider(config, server);
  const info = provider.newRESTStorage(allResourcesEnabled, getter);
  server.installLegacyAPIGroup('/api', info);
  for (const h of provider.postStartHooks()) server.addPostStartHook(h.name, h.hook);
  const namespaces = info.versionedResourcesStorageMap.v1.namespaces as unknown as { create: (...a: unknown[]) => Promise<unknown> };
  server.addPostStartHook('namespaces', async () => {
    for (const name of ['default', 'kube-system']) await namespaces.create({}, { metadata: { name } }, undefined, {}).catch(() => undefined);
  });
  const url = await server.run('127.0.0.1', 0);
  return {
    url,
    info,
    backend: be,
    async request(method, path, body, headers = {}) {
      const res = await fetch(url + path, {
        method,
        headers: { 'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json', Accept: 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // logs and proxied answers are not JSON
      }
      return { status: res.status, body: parsed, text };
    },
    async close() {
      await server.shutdown();
      if (!backend) await be.destroy();
    },
  };
}
