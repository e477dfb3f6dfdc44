import net from 'node:net';

/**
 * A TCP proxy in the test process in front of one listener (an etcd member's peer or client port,
 * a kapi instance), so a test can partition without root: `cut()` blackholes the traffic as a
 * lost network does — bytes vanish, connections hang until their peers time out — and `heal()`
 * restores it (the blackholed connections are closed then: after a partition they would have
 * timed out). A proxy that is given `label` names each connection from its first bytes (the
 * etcd peer proxies name the sending member from rafthttp's X-Server-From header), so `cut(label)`
 * drops only one sender's links.
 */
export interface TcpProxyOptions {
  /** Names a connection from its first bytes (up to the end of the HTTP header block). */
  label?: (head: string) => string | undefined;
}

interface Link {
  client: net.Socket;
  upstream?: net.Socket;
  label?: string;
  blackholed: boolean;
}

export class TcpProxy {
  private readonly links = new Set<Link>();
  private allCut = false;
  private readonly cutLabels = new Set<string>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private target: number,
    private readonly opts: TcpProxyOptions,
  ) {}

  static async start(targetPort: number, opts: TcpProxyOptions = {}, port = 0): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const proxy = new TcpProxy(server, (server.address() as net.AddressInfo).port, targetPort, opts);
    server.on('connection', (s) => proxy.accept(s));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Points the proxy at another port (a restarted process on a new one); open links stay. */
  retarget(port: number): void {
    this.target = port;
  }

  /** Blackholes every link (or only those labelled `label`), open and new ones. */
  cut(label?: string): void {
    if (label === undefined) this.allCut = true;
    else this.cutLabels.add(label);
    for (const link of this.links) if (this.blocked(link.label)) link.blackholed = true;
  }

  /** Ends a cut: blackholed links are closed, new links pass again. */
  heal(label?: string): void {
    if (label === undefined) {
      this.allCut = false;
      this.cutLabels.clear();
    } else this.cutLabels.delete(label);
    for (const link of this.links) {
      if (link.blackholed && !this.blocked(link.label)) this.drop(link);
    }
  }

  /** Closes every open link at once (a reset, unlike cut's silence). */
  reset(): void {
    for (const link of this.links) this.drop(link);
  }

  async close(): Promise<void> {
    this.reset();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private blocked(label: string | undefined): boolean {
    return this.allCut || (label !== undefined && this.cutLabels.has(label));
  }

  private drop(link: Link): void {
    link.client.destroy();
    link.upstream?.destroy();
    this.links.delete(link);
  }

  private accept(client: net.Socket): void {
    const link: Link = { client, blackholed: false };
    this.links.add(link);
    client.on('error', () => this.drop(link));
    client.on('close', () => this.drop(link));
    if (!this.opts.label) {
      this.connect(link, Buffer.alloc(0));
      client.on('data', (d: Buffer) => this.forward(link, d, link.upstream));
      return;
    }
    // Hold the first bytes until the header block is complete, to name the link.
    let head = Buffer.alloc(0);
    const onHead = (d: Buffer) => {
      head = Buffer.concat([head, d]);
      if (head.indexOf('\r\n\r\n') < 0 && head.length < 16384) return;
      client.off('data', onHead);
      link.label = this.opts.label!(head.toString('latin1'));
      this.connect(link, head);
      client.on('data', (d2: Buffer) => this.forward(link, d2, link.upstream));
    };
    client.on('data', onHead);
  }

  private connect(link: Link, first: Buffer): void {
    if (this.blocked(link.label)) {
      link.blackholed = true;
      return;
    }
    const upstream = net.connect(this.target, '127.0.0.1');
    link.upstream = upstream;
    upstream.on('error', () => this.drop(link));
    upstream.on('close', () => this.drop(link));
    upstream.on('data', (d: Buffer) => this.forward(link, d, link.client));
    if (first.length > 0) upstream.write(first);
  }

  private forward(link: Link, data: Buffer, to: net.Socket | undefined): void {
    if (link.blackholed || !to || to.destroyed) return;
    to.write(data);
  }
}
