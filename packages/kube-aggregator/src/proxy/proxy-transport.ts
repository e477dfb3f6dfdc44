import https from 'node:https';
import type { APIService } from '../apis/apiservice/types';
import type { ServiceResolver } from './service-resolver';

/** --proxy-client-cert-file / --proxy-client-key-file: the identity the aggregator presents to extension servers. */
export interface ProxyClientCertificate {
  cert: string;
  key: string;
}

/** Where and how to reach a remote APIService's server. */
export interface ProxyTarget {
  host: string;
  port: number;
  agent: https.Agent;
}

/**
 * The TLS the aggregator speaks to an extension server (handler_proxy's proxy round tripper): the
 * serving certificate is verified against the caBundle for the name `<service>.<namespace>.svc`
 * (or not at all with insecureSkipTLSVerify), and the front-proxy client certificate is presented.
 * One keep-alive agent per APIService version, dropped when the APIService changes.
 */
export class ProxyTransport {
  private readonly agents = new Map<string, { resourceVersion: string; agent: https.Agent }>();

  constructor(
    private readonly resolver: ServiceResolver,
    private readonly clientCert: ProxyClientCertificate | undefined,
  ) {}

  async target(s: APIService): Promise<ProxyTarget> {
    const svc = s.spec!.service!;
    const address = await this.resolver.resolve(svc.namespace ?? '', svc.name ?? '', svc.port ?? 443);
    return { ...address, agent: this.agentFor(s) };
  }

  private agentFor(s: APIService): https.Agent {
    const name = s.metadata?.name ?? '';
    const resourceVersion = s.metadata?.resourceVersion ?? '';
    const have = this.agents.get(name);
    if (have?.resourceVersion === resourceVersion) return have.agent;
    have?.agent.destroy();
    const svc = s.spec!.service!;
    const agent = new https.Agent({
      keepAlive: true,
      servername: `${svc.name}.${svc.namespace}.svc`,
      ca: s.spec?.caBundle ? Buffer.from(s.spec.caBundle, 'base64').toString('utf8') : undefined,
      rejectUnauthorized: !s.spec?.insecureSkipTLSVerify,
      cert: this.clientCert?.cert,
      key: this.clientCert?.key,
    });
    this.agents.set(name, { resourceVersion, agent });
    return agent;
  }

  /** Forgets the agents of APIServices that are gone. */
  retain(names: Set<string>): void {
    for (const [name, { agent }] of this.agents) {
      if (names.has(name)) continue;
      agent.destroy();
      this.agents.delete(name);
    }
  }

  close(): void {
    for (const { agent } of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
