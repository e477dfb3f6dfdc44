/**
 * One bidirectional gRPC stream over an HTTP/2 session (etcd's Watch): length-prefixed messages
 * written as they come, replies cut out of the byte stream as whole messages arrive, and the end
 * of the call — etcd's status, a reset, a lost connection — reported once to `onEnd`.
 *
 * `hasleader` is clientv3's WithRequireLeader, which kube-apiserver sets on its watches: a member
 * cut off from the leader then ends the stream ("no leader") instead of leaving the watch silent,
 * so the watcher moves to a member that still sees writes.
 */
import { constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { decodeGrpcMessage, GrpcError, grpcStatus } from './grpc-status';

const { HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_CONTENT_TYPE, HTTP2_HEADER_TE, NGHTTP2_CANCEL } = constants;

export interface StreamHandlers {
  /** One whole reply message (without its prefix). */
  onMessage(message: Buffer): void;
  /** The call ended: a GrpcError (OK included, as code 0) — never called twice. */
  onEnd(err: GrpcError): void;
}

export class GrpcStreamCall {
  private readonly stream: ClientHttp2Stream;
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The length (prefix included) of the message being received; 0 until its prefix has arrived. */
  private needed = 0;
  private ended = false;
  private status?: GrpcError;

  constructor(
    session: ClientHttp2Session,
    path: string,
    private readonly handlers: StreamHandlers,
  ) {
    this.stream = session.request(
      {
        [HTTP2_HEADER_METHOD]: 'POST',
        [HTTP2_HEADER_PATH]: path,
        [HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
        [HTTP2_HEADER_TE]: 'trailers',
        hasleader: 'true',
      },
      { endStream: false },
    );
    const readStatus = (headers: IncomingHttpHeaders): void => {
      if (headers['grpc-status'] !== undefined) this.status = new GrpcError(Number(headers['grpc-status']), decodeGrpcMessage(headers['grpc-message']));
    };
    this.stream.on('response', readStatus);
    this.stream.on('trailers', readStatus);
    this.stream.on('data', (chunk: Buffer) => this.onData(chunk));
    this.stream.on('error', (err: Error) => this.end(new GrpcError(grpcStatus.unavailable, err.message)));
    this.stream.on('close', () => this.end(this.status ?? new GrpcError(grpcStatus.unavailable, `watch stream closed (HTTP/2 code ${this.stream.rstCode})`)));
  }

  write(frame: Buffer): void {
    if (!this.ended && this.stream.writable) this.stream.write(frame);
  }

  cancel(): void {
    this.ended = true;
    if (!this.stream.destroyed) this.stream.close(NGHTTP2_CANCEL);
  }

  private end(err: GrpcError): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.stream.destroyed) this.stream.close(NGHTTP2_CANCEL);
    this.handlers.onEnd(err);
  }

  /**
   * Cuts whole messages out of the data: a message may span chunks (copied together once, when it
   * is complete), a chunk may hold several.
   */
  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.ended) {
      if (this.needed === 0) {
        if (this.buffered < 5) return;
        const head = this.chunks[0].length >= 5 ? this.chunks[0] : this.flatten();
        if (head[0] !== 0) return this.end(new GrpcError(grpcStatus.internal, 'compressed message, none was requested'));
        this.needed = 5 + head.readUInt32BE(1);
      }
      if (this.buffered < this.needed) return;
      const buf = this.flatten();
      const message = buf.subarray(5, this.needed);
      const rest = buf.subarray(this.needed);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.needed = 0;
      this.handlers.onMessage(message);
    }
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0];
  }
}
