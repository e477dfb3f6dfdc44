import { createServer, type CreateServerOptions, type KapiServer } from '@kapi/controlplane';
import { forgetKubectlDiscovery } from './kubectl';
import { testPKI } from './test-pki';

/** createServer signed by the process's test CA, so fetch and the kubectl helper trust it as they trust every test server. */
export async function createTestServer(options: CreateServerOptions = {}): Promise<KapiServer> {
  const server = await createServer({ signingCA: (await testPKI()).ca, ...options });
  forgetKubectlDiscovery(server.url);
  return server;
}
