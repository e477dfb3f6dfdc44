import net from 'node:net';
import {
  newBadRequest,
  newServiceUnavailable,
  StatusError,
  type ConnectHandler,
  type Connecter,
  type Getter,
  type KObject,
  type RequestContext,
  type Responder,
  type J,
} from '@kapi/apiserver-core';
import { backendDialTimeoutMs, forwardHTTP, kubeletConnectionInfo, proxyPath, queryString } from '../node/kubelet';
import { joinHostPort, proxyableIP } from '../proxy/proxyable';

type Options = Record<string, string | string[]>;

function one(opts: Options, name: string): string | undefined {
  const v = opts[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The container a log/exec/attach request means: named, or the only one (pod.validateContainer). */
export function containerFor(pod: KObject, opts: Options): string {
  const spec = (pod.spec ?? {}) as J;
  const name = pod.metadata?.name ?? '';
  const requested = one(opts, 'container');
  const all: J[] = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  if (!requested) {
    if ((spec.containers ?? []).length === 1) return spec.containers[0].name;
    const names = all.map((c) => c.name).join(' ');
    throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${names}]`);
  }
  if (!all.some((c) => c.name === requested)) throw newBadRequest(`container ${requested} is not valid for pod ${name}`);
  return requested;
}

/** Resolves when a TCP connection to host:port opens, rejects with Go's dial error text otherwise. */
function dial(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port, timeout: backendDialTimeoutMs });
    sock.once('connect', () => {
      sock.destroy();
      resolve();
    });
    sock.once('timeout', () => {
      sock.destroy();
      reject(new Error(`dial tcp ${host}:${port}: i/o timeout`));
    });
    sock.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`dial tcp ${host}:${port}: connect: ${err.code === 'ECONNREFUSED' ? 'connection refused' : err.message}`)));
  });
}

/**
 * pods/log, exec, attach, portforward, proxy (pkg/registry/core/pod/rest/subresources.go): each finds
 * the pod, checks it can be reached, and hands the request to its kubelet. Without a node or a
 * reachable kubelet the client gets the Status kube-apiserver answers, never a hang.
 */
export class PodConnectREST implements Connecter {
  constructor(
    private readonly pods: Getter,
    private readonly nodes: Getter,
    private readonly subresource: 'log' | 'exec' | 'attach' | 'portforward' | 'proxy',
  ) {}

  newObject(): KObject {
    return this.subresource === 'log' || this.subresource === 'proxy'
      ? { apiVersion: 'v1', kind: 'Pod' }
      : { apiVersion: 'v1', kind: this.subresource === 'exec' ? 'PodExecOptions' : this.subresource === 'attach' ? 'PodAttachOptions' : 'PodPortForwardOptions' };
  }

  connectMethods(): string[] {
    if (this.subresource === 'log') return ['GET'];
    if (this.subresource === 'proxy') return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
    return ['GET', 'POST'];
  }

  async connect(ctx: RequestContext, name: string, opts: Options, _responder: Responder): Promise<ConnectHandler> {
    if (this.subresource === 'proxy') {
      const target = await this.proxyLocation(ctx, name, opts);
      return (req, res) => forwardHTTP(req, res, target);
    }
    const pod = await this.pods.get(ctx, name, {});
    const spec = (pod.spec ?? {}) as J;
    const ns = pod.metadata?.namespace ?? '';
    const container = this.subresource === 'portforward' ? '' : containerFor(pod, opts);
    const phase = (pod.status as J | undefined)?.phase;
    if (this.subresource === 'exec' && (phase === 'Succeeded' || phase === 'Failed')) {
      throw newBadRequest(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    }
    if (!spec.nodeName) {
      // An unscheduled pod has no logs yet: kube-apiserver answers an empty stream.
      if (this.subresource === 'log')
        return async (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end();
        };
      throw newBadRequest(`pod ${name} does not have a host assigned`);
    }
    const info = await kubeletConnectionInfo(this.nodes, spec.nodeName);
    const base = `https://${info.hostname}:${info.port}`;
    if (this.subresource === 'log') {
      const target = new URL(`${base}/containerLogs/${ns}/${name}/${container}${queryString(opts, ['container'])}`);
      return (req, res) => forwardHTTP(req, res, target, 'GET');
    }
    // exec/attach/portforward upgrade the connection to a stream protocol; dial first so an
    // unreachable kubelet is reported as kube-apiserver reports it.
    await dial(info.hostname, info.port).catch((err: Error) => {
      // A plain error in kube-apiserver: 500 with reason Unknown ("") and the dial error as message.
      throw new StatusError(500, '', `error dialing backend: ${err.message}`);
    });
    const path = this.subresource === 'portforward' ? `/portForward/${ns}/${name}` : `/${this.subresource}/${ns}/${name}/${container}`;
    const target = new URL(`${base}${path}${queryString(opts, ['container'])}`);
    return (req, res) => forwardHTTP(req, res, target);
  }

  /**
   * pod.ResourceLocation: "[scheme:]name[:port]", the port defaulting to the first declared
   * container port; only a global unicast pod IP is connected to (kube: 400 "address not allowed").
   */
  private async proxyLocation(ctx: RequestContext, id: string, opts: Options): Promise<URL> {
    const parts = id.split(':');
    const [scheme, name, idPort] = parts.length === 3 ? parts : parts.length === 2 ? ['', ...parts] : ['', parts[0], ''];
    if (parts.length > 3 || !name || !['', 'http', 'https'].includes(scheme)) throw newBadRequest(`invalid pod request "${id}"`);
    const pod = await this.pods.get(ctx, name, {});
    let port = idPort || one(opts, 'port') || '';
    if (!port) {
      const declared = ((pod.spec as J | undefined)?.containers as J[] | undefined)?.find((c) => c.ports?.length)?.ports[0]?.containerPort;
      if (declared) port = String(declared);
    }
    const ip = proxyableIP((pod.status as J | undefined)?.podIP);
    // The port goes into the URL: anything but digits could rewrite its authority ("80@elsewhere").
    if (port && !/^\d{1,5}$/.test(port)) throw newServiceUnavailable(`error trying to reach service: dial tcp: lookup tcp/${port}: unknown port`);
    const host = port ? joinHostPort(ip, port) : ip.includes(':') ? `[${ip}]` : ip;
    return new URL(`${scheme || 'http'}://${host}${proxyPath(opts)}${queryString(opts, ['path', 'port'])}`);
  }
}
