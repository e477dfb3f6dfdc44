/**
 * An `etcd3` client (kube-apiserver's newETCD3Client), for tests and tools that talk to etcd
 * directly (EtcdKV.client); kapi's own calls go through lean-kv-client.ts, which keeps the same
 * promises. Several endpoints, TLS from
 * --etcd-cafile/--etcd-certfile/--etcd-keyfile, and fault handling tuned so a lost etcd fails
 * requests quickly and comes back by itself:
 * - every unary call carries a deadline (a blackholed etcd must not hang a request forever);
 * - no client-side retry of calls: a retried txn whose first attempt landed would report a
 *   false conflict, and KVStore's callers already retry where it is safe;
 * - a per-endpoint circuit breaker that re-probes after a second, so requests fail at once during
 *   an outage and recover about a second after etcd returns;
 * - short gRPC reconnect backoff and keepalive so a dead peer is noticed.
 */
import { circuitBreaker, ConsecutiveBreaker, handleWhen, noop } from 'cockatiel';
import { Etcd3, isRecoverableError, type IOptions } from 'etcd3';
import { etcdTLSFiles } from './etcd-tls';

export interface EtcdClientOptions {
  /** Client URLs (--etcd-servers), e.g. http://127.0.0.1:2379; https:// ones use TLS. */
  servers: string[];
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Deadline of each unary call. */
  requestTimeoutMs: number;
}

export function newEtcdClient(opts: EtcdClientOptions): Etcd3 {
  const options: IOptions = {
    hosts: opts.servers,
    credentials: tlsCredentials(opts),
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + opts.requestTimeoutMs }),
    grpcOptions: {
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 2000,
      'grpc.keepalive_time_ms': 30000,
      'grpc.keepalive_timeout_ms': 10000,
      // etcd's default request size limit is 1.5 MiB; replies of large lists can be bigger.
      'grpc.max_receive_message_length': 2 ** 31 - 1,
    },
    faultHandling: {
      global: noop,
      host: () => circuitBreaker(handleWhen(isRecoverableError), { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(3) }),
    },
  };
  return new Etcd3(options);
}

function tlsCredentials(opts: EtcdClientOptions): IOptions['credentials'] {
  const tls = etcdTLSFiles(opts);
  return tls && { rootCertificate: tls.ca, certChain: tls.cert, privateKey: tls.key };
}
