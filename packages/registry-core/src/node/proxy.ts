import type { ConnectHandler, Connecter, KObject, RequestContext, Responder, Store } from '@kapi/apiserver-core';
import { joinHostPort, pinnedLookup, resolveProxyableHost } from '../proxy/proxyable';
import { forwardHTTP, kubeletConnectionInfo, proxyPath, queryString } from './kubelet';

/** nodes/proxy: forwards to the node's kubelet (https://<address>:<kubelet port>/<path>). */
export class NodeProxyREST implements Connecter {
  constructor(private readonly nodes: Store) {}

  newObject(): KObject {
    return { apiVersion: 'v1', kind: 'NodeProxyOptions' };
  }

  connectMethods(): string[] {
    return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
  }

  async connect(_ctx: RequestContext, name: string, opts: Record<string, string | string[]>, _responder: Responder): Promise<ConnectHandler> {
    const info = await kubeletConnectionInfo(this.nodes, name);
    // A node's address is whatever its status says: it must not lead to the API server's own host.
    const address = await resolveProxyableHost(info.hostname);
    const target = new URL(`https://${joinHostPort(info.hostname, info.port)}${proxyPath(opts)}${queryString(opts, ['path'])}`);
    return (req, res) => forwardHTTP(req, res, target, req.method, pinnedLookup(address));
  }
}
