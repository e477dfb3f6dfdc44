/**
 * One etcd endpoint (an --etcd-servers URL): its HTTP/2 session, opened on first use and again after
 * it closes or etcd sends GOAWAY, and its circuit breaker. https:// endpoints use TLS with the
 * --etcd-cafile roots and, when given, the client certificate; the server name is the URL's host,
 * checked against the certificate as grpc-js did.
 */
import { connect, type ClientHttp2Session, type SecureClientSessionOptions } from 'node:http2';
import { CircuitBreaker } from './circuit-breaker';
import { GrpcError, grpcStatus, isEndpointFailure } from './grpc-status';
import { GrpcStreamCall, type StreamHandlers } from './stream-call';
import { unaryCall } from './unary-call';

export interface EndpointTLS {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

// Large LIST replies arrive faster with windows far above HTTP/2's 64 KiB default.
const windowBytes = 16 * 1024 * 1024;
// grpc-js's settings for the etcd3 client's watch streams (etcd-client.ts).
const keepaliveMs = 30_000;
const keepaliveTimeoutMs = 10_000;
const maxStreamsPerSession = 1_000_000_000;

export class GrpcEndpoint {
  readonly breaker = new CircuitBreaker({ threshold: 3, halfOpenAfterMs: 1000 });
  private session?: ClientHttp2Session;
  private streamsOnSession = 0;
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

  /**
   * Opens a streaming call (the watch). The breaker hears of it too: its first message is a
   * success, an end before any message for the endpoint's reasons a failure — a half-open circuit
   * whose probe was a watch must not stay half-open.
   */
  openStream(path: string, handlers: StreamHandlers): GrpcStreamCall {
    let answered = false;
    return new GrpcStreamCall(this.connection(), path, {
      onMessage: (message) => {
        if (!answered) {
          answered = true;
          this.breaker.success();
        }
        handlers.onMessage(message);
      },
      onEnd: (err) => {
        if (!answered && isEndpointFailure(err) && this.breaker.failure()) this.dropSession();
        else if (!answered) this.breaker.success();
        handlers.onEnd(err);
      },
    });
  }

  close(): void {
    this.dropSession();
  }

  private connection(): ClientHttp2Session {
    const current = this.session;
    if (current && !current.closed && !current.destroyed) {
      if (++this.streamsOnSession < maxStreamsPerSession) return current;
      // HTTP/2 stream ids are odd 31-bit numbers: a session runs out after ~1.07e9 requests (12 days
      // at 1,000/s). Start a fresh one before that; the old one finishes its streams and closes.
      current.close();
    }
    this.streamsOnSession = 1;
    const session = connect(this.url, this.options);
    session.on('connect', () => session.setLocalWindowSize(windowBytes));
    // Errors reach the calls on the session's streams; the session itself is just replaced.
    session.on('error', () => this.forget(session));
    session.on('goaway', () => this.forget(session));
    session.on('close', () => this.forget(session));
    // An idle session must not keep the process alive; calls in flight hold their own timers.
    session.unref();
    // A watch has no deadline: a ping every 30 s that goes unanswered for 10 s ends the session, so
    // a peer that vanished without a reset (a partition) is noticed and the watch re-created elsewhere.
    const keepalive = setInterval(() => this.ping(session), keepaliveMs);
    keepalive.unref();
    session.once('close', () => clearInterval(keepalive));
    this.session = session;
    return session;
  }

  private ping(session: ClientHttp2Session): void {
    if (session.connecting || session.closed || session.destroyed) return;
    const timeout = setTimeout(() => session.destroy(), keepaliveTimeoutMs);
    timeout.unref();
    session.ping((err) => {
      clearTimeout(timeout);
      if (err) session.destroy();
    });
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
