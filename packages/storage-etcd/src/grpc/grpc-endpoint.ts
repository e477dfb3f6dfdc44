/**
 * One etcd endpoint (an --etcd-servers URL): its HTTP/2 session, opened on first use and again after
 * it closes or etcd sends GOAWAY, and its circuit breaker. https:// endpoints use TLS with the
 * --etcd-cafile roots and, when given, the client certificate; the server name is the URL's host,
 * checked against the certificate as grpc-js did.
 */
import { connect, type ClientHttp2Session, type SecureClientSessionOptions } from 'node:http2';
import { CircuitBreaker } from './circuit-breaker';
import { GrpcError, grpcStatus, isEndpointFailure } from './grpc-status';
import { unaryCall } from './unary-call';

export interface EndpointTLS {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

// Large LIST replies arrive faster with windows far above HTTP/2's 64 KiB default.
const windowBytes = 16 * 1024 * 1024;

export class GrpcEndpoint {
  readonly breaker = new CircuitBreaker({ threshold: 3, halfOpenAfterMs: 1000 });
  private session?: ClientHttp2Session;
  private readonly options: SecureClientSessionOptions;

  constructor(
    readonly url: string,
    tls?: EndpointTLS,
  ) {
    const secure = url.startsWith('https:');
    if (secure && !tls) throw new Error(`${url}: an https etcd endpoint needs --etcd-cafile`);
    this.options = {
      settings: { initialWindowSize: windowBytes, enablePush: false },
      ...(secure && tls ? { ca: tls.ca, cert: tls.cert, key: tls.key } : {}),
    };
  }

  /**
   * Sends one call and reports its outcome to the breaker. A failure of the endpoint (connection,
   * deadline, Unavailable) that opens the circuit also drops the session, so the next probe dials
   * afresh instead of waiting on a connection that may be blackholed.
   */
  async call(path: string, frame: Buffer, timeoutMs: number): Promise<Buffer> {
    try {
      const reply = await unaryCall(this.connection(), path, frame, timeoutMs);
      this.breaker.success();
      return reply;
    } catch (err) {
      const failure = err instanceof GrpcError ? err : new GrpcError(grpcStatus.unavailable, err instanceof Error ? err.message : String(err));
      if (!isEndpointFailure(failure)) this.breaker.success();
      else if (this.breaker.failure()) this.dropSession();
      throw failure;
    }
  }

  close(): void {
    this.dropSession();
  }

  private connection(): ClientHttp2Session {
    const current = this.session;
    if (current && !current.closed && !current.destroyed) return current;
    const session = connect(this.url, this.options);
    session.on('connect', () => session.setLocalWindowSize(windowBytes));
    // Errors reach the calls on the session's streams; the session itself is just replaced.
    session.on('error', () => this.forget(session));
    session.on('goaway', () => this.forget(session));
    session.on('close', () => this.forget(session));
    // An idle session must not keep the process alive; calls in flight hold their own timers.
    session.unref();
    this.session = session;
    return session;
  }

  private forget(session: ClientHttp2Session): void {
    if (this.session === session) this.session = undefined;
  }

  private dropSession(): void {
    const session = this.session;
    this.session = undefined;
    session?.destroy();
  }
}
