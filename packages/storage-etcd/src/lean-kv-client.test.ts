/**
 * LeanKVClient's promises against real etcds: failover to the next endpoint when one refuses
 * connections, a circuit that fails calls at once during an outage and closes about a second
 * after etcd returns, and TLS with a client certificate (etcd's --client-cert-auth) for the unary
 * calls and for the etcd3 watch beside them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newCertificateAuthority, newClientCertificate, newServingCertificate, storage } from '@kapi/apiserver-core';
import { expect } from 'chai';
import { EtcdKV } from './etcd-kv';
import { GrpcError, grpcStatus } from './grpc/grpc-status';
import { LeanKVClient } from './lean-kv-client';
import { startEtcd, type EtcdProcess, type EtcdTLSFiles } from './testing/start-etcd';

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 1));
    });
  });
}

const failure = (p: Promise<unknown>): Promise<GrpcError> =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => {
      expect(err).to.be.instanceOf(GrpcError);
      return err as GrpcError;
    },
  );

const key = Buffer.from('/lean/k');

describe('LeanKVClient endpoints', function () {
  this.timeout(60_000);
  let etcd: EtcdProcess;
  let dead: string;
  before(async () => {
    etcd = await startEtcd();
    dead = `http://127.0.0.1:${await closedPort()}`;
  });
  after(async () => etcd?.stop());

  it('moves to the next endpoint after a connection failure, without retrying the failed call', async () => {
    const client = new LeanKVClient({ servers: [dead, etcd.endpoint], requestTimeoutMs: 2000 });
    try {
      const first = await failure(client.txn({ compare: [], success: [{ put: { key, value: Buffer.from('once') } }], failure: [] }));
      expect(first.code).to.equal(grpcStatus.unavailable);
      expect(first.message).to.match(/ECONNREFUSED/);
      const res = await client.range({ key });
      expect(res.kvs).to.have.length(0); // the failed write was not sent again elsewhere
      expect((await client.range({ key, countOnly: true })).revision).to.equal(res.revision);
    } finally {
      client.close();
    }
  });

  it('opens the circuit after three failures, fails at once, and probes again a second later', async () => {
    const client = new LeanKVClient({ servers: [dead], requestTimeoutMs: 2000 });
    try {
      for (let i = 0; i < 3; i++) expect((await failure(client.range({ key }))).message).to.match(/ECONNREFUSED/);
      const started = Date.now();
      const open = await failure(client.range({ key }));
      expect(Date.now() - started).to.be.lessThan(50);
      expect(open.message).to.match(/circuit open/);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await failure(client.range({ key }))).message, 'the probe dials again').to.match(/ECONNREFUSED/);
    } finally {
      client.close();
    }
  });

  it('fails fast while etcd is down and serves again about a second after it returns', async () => {
    const client = new LeanKVClient({ servers: [etcd.endpoint], requestTimeoutMs: 2000 });
    try {
      await client.range({ key });
      await etcd.kill();
      for (let i = 0; i < 4; i++) expect((await failure(client.range({ key }))).code).to.equal(grpcStatus.unavailable);
      const started = Date.now();
      await failure(client.range({ key }));
      expect(Date.now() - started, 'an open circuit answers at once').to.be.lessThan(50);
      await etcd.restart();
      const back = Date.now();
      for (;;) {
        const ok = await client.range({ key }).then(
          () => true,
          () => false,
        );
        if (ok) break;
        expect(Date.now() - back).to.be.lessThan(3000);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      client.close();
    }
  });
});

describe('EtcdKV over TLS with a client certificate', function () {
  this.timeout(60_000);
  let etcd: EtcdProcess;
  let dir: string;
  let files: EtcdTLSFiles;
  let otherCaFile: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kapi-etcd-tls-'));
    const ca = await newCertificateAuthority('etcd-ca');
    const serving = await newServingCertificate(ca, ['127.0.0.1', 'localhost']);
    const client = await newClientCertificate(ca, 'kube-apiserver-etcd-client');
    const other = await newCertificateAuthority('not-etcd-ca');
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text, { mode: 0o600 });
      return path;
    };
    files = {
      caFile: file('ca.crt', ca.certPEM),
      certFile: file('server.crt', serving.certPEM),
      keyFile: file('server.key', serving.keyPEM),
      clientCertFile: file('client.crt', client.certPEM),
      clientKeyFile: file('client.key', client.keyPEM),
    };
    otherCaFile = file('other-ca.crt', other.certPEM);
    etcd = await startEtcd({ tls: files });
  });
  after(async () => {
    await etcd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes, reads, compacts and watches with --etcd-cafile/--etcd-certfile/--etcd-keyfile', async () => {
    expect(etcd.endpoint).to.match(/^https:/);
    const kv = new EtcdKV({ servers: [etcd.endpoint], caFile: files.caFile, certFile: files.clientCertFile, keyFile: files.clientKeyFile });
    try {
      const events: storage.KVEvent[] = [];
      const start = await kv.currentRevision();
      const watch = kv.watch('/tls/', start + 1, { event: (ev) => events.push(ev), error: () => undefined });
      const created = await kv.create('/tls/a', Buffer.from('v1'));
      expect(created.succeeded).to.equal(true);
      expect((await kv.get('/tls/a')).kv?.value.toString()).to.equal('v1');
      expect((await kv.range('/tls/')).kvs.map((x) => x.key)).to.deep.equal(['/tls/a']);
      await kv.compact(created.revision);
      expect(await kv.dbSizeBytes()).to.be.greaterThan(0);
      for (let i = 0; i < 100 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      watch.cancel();
      expect(events.map((e) => e.kv.key)).to.deep.equal(['/tls/a']);
    } finally {
      await kv.close();
    }
  });

  it('fails without a client certificate, and against a CA that did not sign etcd', async () => {
    for (const opts of [{ caFile: files.caFile }, { caFile: otherCaFile, certFile: files.clientCertFile, keyFile: files.clientKeyFile }]) {
      const client = new LeanKVClient({ servers: [etcd.endpoint], requestTimeoutMs: 2000, ...opts });
      try {
        expect((await failure(client.range({ key }))).code).to.equal(grpcStatus.unavailable);
      } finally {
        client.close();
      }
    }
  });
});
