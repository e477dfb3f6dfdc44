/**
 * One gRPC unary call over an HTTP/2 session (gRPC over HTTP/2, grpc/doc/PROTOCOL-HTTP2.md): a POST
 * with `content-type: application/grpc` and `te: trailers`, one length-prefixed message each way,
 * and the outcome in grpc-status/grpc-message — in the trailers, or in the headers of a
 * "trailers-only" reply (how etcd answers an error without a message).
 *
 * This is all grpc-js does for etcd's unary calls, without what made it the largest item of a
 * create's CPU profile: a stack-trace Error, an interceptor chain, a Metadata object and an
 * EventEmitter per call, and protobufjs's reflective codec. The deadline travels as grpc-timeout,
 * so etcd abandons the request too, and a local timer cancels the stream if no answer comes.
 */
import { constants, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { decodeGrpcMessage, GrpcError, grpcStatus } from './grpc-status';

const { HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_STATUS, HTTP2_HEADER_CONTENT_TYPE, HTTP2_HEADER_TE, NGHTTP2_CANCEL } = constants;

/** The reply's message bytes (without the 5-byte prefix), or a GrpcError. */
export function unaryCall(session: ClientHttp2Session, path: string, frame: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const stream = session.request(
      {
        [HTTP2_HEADER_METHOD]: 'POST',
        [HTTP2_HEADER_PATH]: path,
        [HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
        [HTTP2_HEADER_TE]: 'trailers',
        'grpc-timeout': grpcTimeout(timeoutMs),
      },
      { endStream: false },
    );
    let httpStatus = 0;
    let status: number | undefined;
    let message = '';
    let failure: GrpcError | undefined;
    const chunks: Buffer[] = [];

    const readStatus = (headers: IncomingHttpHeaders): void => {
      const raw = headers['grpc-status'];
      if (raw === undefined) return;
      status = Number(raw);
      message = decodeGrpcMessage(headers['grpc-message']);
    };
    const timer = setTimeout(() => {
      failure = new GrpcError(grpcStatus.deadlineExceeded, 'context deadline exceeded');
      stream.close(NGHTTP2_CANCEL);
    }, timeoutMs);

    stream.on('response', (headers) => {
      httpStatus = Number(headers[HTTP2_HEADER_STATUS]);
      readStatus(headers);
    });
    stream.on('trailers', readStatus);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (err: Error) => {
      failure ??= new GrpcError(grpcStatus.unavailable, err.message);
    });
    stream.on('close', () => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (status === undefined) reject(missingStatus(httpStatus, stream.rstCode));
      else if (status !== grpcStatus.ok) reject(new GrpcError(status, message));
      else {
        try {
          resolve(unframe(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
        } catch (err) {
          reject(err);
        }
      }
    });
    stream.end(frame);
  });
}

/** grpc-timeout: at most 8 digits and a unit; milliseconds cover any deadline kapi sets. */
function grpcTimeout(ms: number): string {
  return `${Math.max(1, Math.min(Math.ceil(ms), 99_999_999))}m`;
}

/** The one message of a unary reply: compressed flag (always 0, kapi asks for no compression), length, bytes. */
function unframe(body: Buffer): Buffer {
  if (body.length < 5) throw new GrpcError(grpcStatus.internal, 'reply without a message');
  if (body[0] !== 0) throw new GrpcError(grpcStatus.internal, 'compressed reply, none was requested');
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) throw new GrpcError(grpcStatus.internal, `truncated reply: ${body.length - 5} of ${length} bytes`);
  return body.subarray(5, 5 + length);
}

/**
 * A stream that ended without grpc-status: a proxy's HTTP error, or a reset (etcd going away).
 * gRPC maps HTTP statuses to codes (doc/http-grpc-status-mapping.md); anything else is Unavailable.
 */
function missingStatus(httpStatus: number, rstCode: number): GrpcError {
  if (httpStatus && httpStatus !== 200) {
    const code =
      httpStatus === 400 ? grpcStatus.internal : httpStatus === 429 || httpStatus === 502 || httpStatus === 503 || httpStatus === 504 ? grpcStatus.unavailable : grpcStatus.unknown;
    return new GrpcError(code, `HTTP status ${httpStatus}`);
  }
  return new GrpcError(grpcStatus.unavailable, `stream closed without a status (HTTP/2 code ${rstCode})`);
}
