import net from 'node:net';
import { Agent } from 'undici';

/**
 * One address in front of several kapi instances, as the TCP load balancer (haproxy, a cloud LB)
 * of kubeadm's HA topology: round robin per connection, TLS passed through (clients still verify
 * kapi's own certificate), an instance skipped while its /readyz fails or its port refuses. A
 * client's request on a connection to an instance that dies fails; the client retries, and its
 * new connection goes to a live instance — what client-go does behind a load balancer.
 */
export interface FrontOptions {
  port?: number;
  host?: string;
  probeIntervalMs?: number;
  /** The CA of the instances' serving certificates, for the health check. */
  ca?: string;
}

export class Front {
  private next = 0;
  private readonly ready: boolean[];
  private readonly sockets = new Set<net.Socket>();
  private probing?: NodeJS.Timeout;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private readonly backends: () => number[],
    private readonly dispatcher?: Agent,
  ) {
    this.ready = backends().map(() => true);
  }

  /**
   * `backends` is read on every connection: a restarted instance may listen elsewhere. The health
   * check trusts `opts.ca` (PEM) or, without it, the process's global fetch dispatcher (the tests' PKI).
   */
  static async start(backends: () => number[], opts: FrontOptions = {}): Promise<Front> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve()));
    const dispatcher = opts.ca ? new Agent({ connect: { ca: opts.ca } }) : undefined;
    const front = new Front(server, (server.address() as net.AddressInfo).port, backends, dispatcher);
    server.on('connection', (s) => front.accept(s));
    front.probing = setInterval(() => void front.probe(), opts.probeIntervalMs ?? 250);
    await front.probe();
    return front;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** The health check of the load balancer: GET /readyz on every instance. */
  private async probe(): Promise<void> {
    await Promise.all(
      this.backends().map(async (port, i) => {
        try {
          const res = await fetch(`https://127.0.0.1:${port}/readyz`, {
            signal: AbortSignal.timeout(1000),
            ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
          } as RequestInit);
          this.ready[i] = res.ok;
          await res.body?.cancel();
        } catch {
          this.ready[i] = false;
        }
      }),
    );
  }

  private accept(client: net.Socket, tried = 0): void {
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    const ports = this.backends();
    client.pause();
    const attempt = (n: number) => {
      if (n >= ports.length * 2) return client.destroy();
      const i = this.next++ % ports.length;
      // Not-ready instances are skipped while some other one is ready, as an LB's health check does.
      if (!this.ready[i] && n < ports.length && this.ready.some(Boolean)) return attempt(n + 1);
      const upstream = net.connect(ports[i], '127.0.0.1');
      let connected = false;
      // A refused connection (instance down) is tried on the next instance; a reset later is the client's to see.
      upstream.once('error', () => (connected ? client.destroy() : attempt(n + 1)));
      upstream.once('connect', () => {
        connected = true;
        this.sockets.add(upstream);
        upstream.once('close', () => {
          this.sockets.delete(upstream);
          client.destroy();
        });
        client.on('error', () => upstream.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(tried);
  }

  async close(): Promise<void> {
    clearInterval(this.probing);
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
