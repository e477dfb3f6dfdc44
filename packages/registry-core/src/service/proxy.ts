import { newServiceUnavailable, type ConnectHandler, type Connecter, type Getter, type KObject, type RequestContext, type Responder, type J } from '@kapi/apiserver-core';
import { forwardHTTP, proxyPath, queryString } from '../node/kubelet';
import { isProxyableAddress } from '../proxy/proxyable';
import { formatIPBytes, parseIPSloppy } from '../validation/special-ip';

/**
 * isValidAddress (pkg/registry/core/service/storage): an endpoint address is proxied to only when
 * it is a pod of the service's namespace that really has that IP — so an Endpoints object someone
 * wrote by hand cannot send the API server to an address of their choosing. kapi also skips an
 * address that is not proxyable (loopback, link-local …), in case the object predates validation.
 */
async function validAddress(ctx: RequestContext, addr: J, pods: Getter): Promise<string | undefined> {
  const ref = addr.targetRef as J | undefined;
  if (!ref || ref.kind !== 'Pod' || (ref.namespace ?? '') !== (ctx.namespace ?? '')) return undefined;
  const pod = await pods.get(ctx, ref.name, {}).catch(() => undefined);
  const status = (pod?.status ?? {}) as J;
  const podIPs: string[] = (status.podIPs as J[] | undefined)?.map((p) => p.ip) ?? (status.podIP ? [status.podIP] : []);
  if (!podIPs.includes(addr.ip)) return undefined;
  const ip = parseIPSloppy(String(addr.ip));
  return ip && isProxyableAddress(ip) ? formatIPBytes(ip) : undefined;
}

/**
 * services/proxy (ProxyREST of pkg/registry/core/service): "[scheme:]name[:port]" → one valid
 * endpoint address of that port, tried from a random start, then the request is forwarded there.
 */
export class ServiceProxyREST implements Connecter {
  constructor(
    private readonly services: Getter,
    private readonly endpoints: Getter,
    private readonly pods: Getter,
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
    for (const subset of (ep?.subsets ?? []) as J[]) {
      const ports: J[] = subset.ports ?? [];
      const port = ports.find((p) => !portName || p.name === portName || String(p.port) === portName);
      const addresses: J[] = subset.addresses ?? [];
      if (!port || addresses.length === 0) continue;
      const seed = Math.floor(Math.random() * addresses.length);
      for (let i = 0; i < addresses.length; i++) {
        const ip = await validAddress(ctx, addresses[(seed + i) % addresses.length], this.pods);
        if (!ip) continue;
        const host = ip.includes(':') ? `[${ip}]` : ip;
        const target = new URL(`${scheme === 'https' ? 'https' : 'http'}://${host}:${Number(port.port)}${proxyPath(opts)}${queryString(opts, ['path'])}`);
        return (req, res) => forwardHTTP(req, res, target);
      }
    }
    throw newServiceUnavailable(`no endpoints available for service "${id}"`);
  }
}
