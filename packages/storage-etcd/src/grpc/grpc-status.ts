/**
 * A failed gRPC call as a value: the status code (google.rpc.Code) and etcd's message, e.g.
 * "etcdserver: mvcc: required revision has been compacted". The message is etcd's own text, so
 * etcd-errors.ts recognises it exactly as it did the etcd3 client's errors.
 */

export const grpcStatus = {
  ok: 0,
  cancelled: 1,
  unknown: 2,
  invalidArgument: 3,
  deadlineExceeded: 4,
  resourceExhausted: 8,
  failedPrecondition: 9,
  internal: 13,
  unavailable: 14,
} as const;

export class GrpcError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(`${code} ${codeName(code)}: ${details}`);
    this.name = 'GrpcError';
  }
}

/**
 * Whether a failure says the endpoint, not the request, is at fault: the connection failed, the
 * deadline passed, or etcd answered Unavailable (no leader, stopping). These open the endpoint's
 * circuit and send the next calls to another endpoint; etcd's verdicts on a request do not.
 */
export function isEndpointFailure(err: unknown): boolean {
  return err instanceof GrpcError && (err.code === grpcStatus.unavailable || err.code === grpcStatus.deadlineExceeded);
}

const names: Record<number, string> = {
  0: 'OK',
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  15: 'DATA_LOSS',
  16: 'UNAUTHENTICATED',
};

function codeName(code: number): string {
  return names[code] ?? `CODE_${code}`;
}

/** grpc-message is percent-encoded (gRPC over HTTP/2, "Status-Message"). */
export function decodeGrpcMessage(raw: string | string[] | undefined): string {
  const text = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
