/**
 * The TLS material of an etcd client: --etcd-cafile, --etcd-certfile, --etcd-keyfile, checked for
 * a usable combination before anything dials (kube-apiserver refuses the same combinations).
 */
import { readFileSync } from 'node:fs';
import type { EtcdClientOptions } from './etcd-client';

/** The TLS material of --etcd-cafile/--etcd-certfile/--etcd-keyfile, checked for a usable combination. */
export function etcdTLSFiles(opts: Pick<EtcdClientOptions, 'caFile' | 'certFile' | 'keyFile'>): { ca: Buffer; cert?: Buffer; key?: Buffer } | undefined {
  if (!opts.caFile && !opts.certFile && !opts.keyFile) return undefined;
  if (!opts.caFile) throw new Error('--etcd-cafile is required when --etcd-certfile/--etcd-keyfile are set');
  if (!opts.certFile !== !opts.keyFile) throw new Error('--etcd-certfile and --etcd-keyfile must be given together');
  return {
    ca: readFileSync(opts.caFile),
    cert: opts.certFile ? readFileSync(opts.certFile) : undefined,
    key: opts.keyFile ? readFileSync(opts.keyFile) : undefined,
  };
}
