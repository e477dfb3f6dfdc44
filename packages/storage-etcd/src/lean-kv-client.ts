/**
 * etcd's unary KV and Maintenance calls (Range, Txn, Compact, Status) on a raw gRPC caller with a
 * hand-written codec, and the stream the watch runs on: the calls on every create and uncached read,
 * and the event every write sends back, which through the etcd3 client (grpc-js, protobufjs, long,
 * cockatiel) took a fifth of a create's CPU. Lease grants too, so kapi no longer loads etcd3.
 *
 * It keeps etcd-client.ts's promises: several endpoints with failover, TLS, a deadline per call, no
 * retry of a call (EtcdKV retries reads itself), a circuit per endpoint that fails calls at once
 * during an outage and lets a probe through a second later, and no limit on reply size. Calls stick
 * to one endpoint and move to the next when it fails, as a lost member should not cost every
 * other call a failure first.
 */
import type { EtcdClientOptions } from './etcd-client';
import { etcdTLSFiles } from './etcd-tls';
import {
  decodeCompactionResponse,
  decodeLeaseGrantResponse,
  decodeRangeResponse,
  decodeStatusResponse,
  decodeTxnResponse,
  encodeCompactionRequest,
  encodeLeaseGrantRequest,
  encodeRangeRequest,
  encodeTxnRequest,
  etcdMethods,
  type CompactionRequest,
  type LeaseGrantResponse,
  type RangeRequest,
  type RangeResponse,
  type StatusResponse,
  type TxnRequest,
  type TxnResponse,
} from './grpc/etcd-proto';
import { GrpcEndpoint } from './grpc/grpc-endpoint';
import { GrpcError, grpcStatus, isEndpointFailure } from './grpc/grpc-status';
import { ProtoReader } from './grpc/proto-reader';
import { ProtoWriter } from './grpc/proto-writer';
import type { GrpcStreamCall, StreamHandlers } from './grpc/stream-call';

/** Per call: an absolute deadline (ms since the epoch) instead of the client's request timeout. */
export interface CallOptions {
  deadline?: number;
}

export class LeanKVClient {
  private readonly endpoints: GrpcEndpoint[];
  private current = 0;
  private closed = false;

  constructor(private readonly opts: EtcdClientOptions) {
    const tls = etcdTLSFiles(opts);
    this.endpoints = opts.servers.map((url) => new GrpcEndpoint(url, tls));
  }

  async range(req: RangeRequest, callOpts?: CallOptions): Promise<RangeResponse> {
    const reply = await this.call(etcdMethods.range, encodeRangeRequest(req), callOpts);
    return decodeRangeResponse(new ProtoReader(reply));
  }

  async txn(req: TxnRequest, callOpts?: CallOptions): Promise<TxnResponse> {
    const reply = await this.call(etcdMethods.txn, encodeTxnRequest(req), callOpts);
    return decodeTxnResponse(new ProtoReader(reply));
  }

  async compact(req: CompactionRequest, callOpts?: CallOptions): Promise<{ revision: number }> {
    const reply = await this.call(etcdMethods.compact, encodeCompactionRequest(req), callOpts);
    return decodeCompactionResponse(new ProtoReader(reply));
  }

  /** Maintenance.Status of the member the client is on (StatusRequest has no fields). */
  async status(callOpts?: CallOptions): Promise<StatusResponse> {
    const reply = await this.call(etcdMethods.status, new ProtoWriter(16), callOpts);
    return decodeStatusResponse(new ProtoReader(reply));
  }

  /** Lease.LeaseGrant: a lease of at least ttlSeconds, its id chosen by etcd. */
  async leaseGrant(ttlSeconds: number, callOpts?: CallOptions): Promise<LeaseGrantResponse> {
    const reply = await this.call(etcdMethods.leaseGrant, encodeLeaseGrantRequest(ttlSeconds), callOpts);
    const res = decodeLeaseGrantResponse(new ProtoReader(reply));
    if (res.error) throw new GrpcError(grpcStatus.unknown, `etcdserver: ${res.error}`);
    return res;
  }

  /** A streaming call (the watch) on the current endpoint; throws when every circuit is open. */
  openStream(path: string, handlers: StreamHandlers): GrpcStreamCall {
    if (this.closed) throw new GrpcError(grpcStatus.cancelled, 'etcd client is closed');
    const index = this.pick();
    return this.endpoints[index].openStream(path, {
      onMessage: handlers.onMessage,
      onEnd: (err) => {
        if (isEndpointFailure(err) && this.current === index) this.current = (index + 1) % this.endpoints.length;
        handlers.onEnd(err);
      },
    });
  }

  close(): void {
    this.closed = true;
    for (const endpoint of this.endpoints) endpoint.close();
  }

  private async call(path: string, request: ProtoWriter, callOpts?: CallOptions): Promise<Buffer> {
    if (this.closed) throw new GrpcError(grpcStatus.cancelled, 'etcd client is closed');
    const timeoutMs = callOpts?.deadline !== undefined ? callOpts.deadline - Date.now() : this.opts.requestTimeoutMs;
    if (timeoutMs <= 0) throw new GrpcError(grpcStatus.deadlineExceeded, 'context deadline exceeded');
    const index = this.pick();
    const endpoint = this.endpoints[index];
    try {
      return await endpoint.call(path, request.finishGrpcFrame(), timeoutMs);
    } catch (err) {
      // The next call goes to the next endpoint; this one is not retried (it may have landed).
      if (isEndpointFailure(err) && this.current === index) this.current = (index + 1) % this.endpoints.length;
      throw err;
    }
  }

  /** The current endpoint if its circuit lets a call through, else the next one that does. */
  private pick(): number {
    const n = this.endpoints.length;
    for (let i = 0; i < n; i++) {
      const index = (this.current + i) % n;
      if (this.endpoints[index].breaker.tryAcquire()) return index;
    }
    throw new GrpcError(grpcStatus.unavailable, `circuit open for every etcd endpoint (${this.opts.servers.join(', ')}); the next probe goes out within a second`);
  }
}
