/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  newServiceUnavailable, type ConnectHandler, type Connecter, type Getter, type KObject, type RequestContext, type Responder,
} from '@kapi/apiserver-core';
import { forwardHTTP, proxyPath, queryString } from '../node/kubelet';

type J = Record<string, any>;

/**
 * services/proxy (ProxyREST of pkg/registry/core/service): "[scheme:]name[:port]" → one ready
 * endpoint address of that port, then the request is forwarded there.
 */
export class ServiceProxyREST implements Connecter {
  constructor(
    private readonly services: Getter,
    private readonly endpoints: Getter,
  ) {}

  newObject(): KObject {
    return { apiVersion: 'v1', kind: 'ServiceProxyOptions' };
  }

  connectMethods(): string[] {
    return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
  }

  async connect(ctx: RequestContext, id: string, opts: Record<string, string | string[]>, _responder: Responder): Promise<ConnectHandler> {
    const parts = id.split(':');
    const scheme = parts.length === 3 ? parts.shift()! : 'http';
    const [name, portName = ''] = parts;
    await this.services.get(ctx, name, {});
    const ep = await this.endpoints.get(ctx, name, {}).catch(() => undefined);
    for (const subset of ((ep?.subsets ?? []) as J[])) {
      const ports: J[] = subset.ports ?? [];
      const port = ports.find((p) => !portName || p.name === portName || String(p.port) === portName);
      const addresses: J[] = subset.addresses ?? [];
      if (!port || addresses.length === 0) continue;
      const addr = addresses[Math.floor(Math.random() * addresses.length)];
      const target = new URL(`${scheme === 'https' ? 'https' : 'http'}://${addr.ip}:${port.port}${proxyPath(opts)}${queryString(opts, ['path'])}`);
      return (req, res) => forwardHTTP(req, res, target);
    }
    throw newServiceUnavailable(`no endpoints available for service "${id}"`);
  }
}
