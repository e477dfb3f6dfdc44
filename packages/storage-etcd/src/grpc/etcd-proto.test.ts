/**
 * The hand-written etcd codec against etcd3's own: requests must be the bytes etcd3's protobufjs
 * encoding (its rpc.proto, loaded the way etcd3 loads it) gives for the same message, and replies
 * from a real etcd must decode to what etcd3's decoder reads from the same bytes.
 *
 * proto3 leaves zero-valued fields out; the etcd3 objects below name only the non-zero fields (as
 * etcd's Go client sends them), plus a Compare's target value, which is always present in its oneof.
 */
import { dirname, join } from 'node:path';
import { connect, type ClientHttp2Session } from 'node:http2';
import { expect } from 'chai';
import { Etcd3 } from 'etcd3';
import { toKVError } from '../etcd-errors';
import { leaseNumber } from '../etcd-key-value';
import { startEtcd, type EtcdProcess } from '../testing/start-etcd';
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
  type KeyValue,
  type TxnRequest,
} from './etcd-proto';
import { GrpcError, grpcStatus } from './grpc-status';
import { ProtoReader } from './proto-reader';
import { ProtoWriter } from './proto-writer';
import { unaryCall } from './unary-call';

interface MethodDefinition {
  requestSerialize(value: object): Buffer;
  responseDeserialize(bytes: Buffer): Record<string, unknown>;
}

/** etcd3's service definitions, from its own proto files with its own proto-loader options. */
function etcd3Methods(): Record<'range' | 'txn' | 'compact' | 'status' | 'leaseGrant', MethodDefinition> {
  const etcd3Dir = dirname(require.resolve('etcd3/package.json'));
  const protoLoader = require(require.resolve('@grpc/proto-loader', { paths: [etcd3Dir] })) as {
    loadSync(file: string, options: object): Record<string, Record<string, MethodDefinition>>;
  };
  const def = protoLoader.loadSync(join(etcd3Dir, 'proto', 'rpc.proto'), { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  const kv = def['etcdserverpb.KV'];
  return { range: kv.Range, txn: kv.Txn, compact: kv.Compact, status: def['etcdserverpb.Maintenance'].Status, leaseGrant: def['etcdserverpb.Lease'].LeaseGrant };
}

const theirs = etcd3Methods();
const b = (s: string) => Buffer.from(s);
const hex = (w: ProtoWriter) => w.finishMessage().toString('hex');

describe('etcd codec: requests are the bytes etcd3 (protobufjs) encodes', () => {
  it('RangeRequest: a get, a page of a prefix at a revision beyond 2^32, a count', () => {
    expect(hex(encodeRangeRequest({ key: b('/registry/configmaps/ns/a') }))).to.equal(theirs.range.requestSerialize({ key: b('/registry/configmaps/ns/a') }).toString('hex'));
    const page = { key: b('/registry/pods/'), rangeEnd: b('/registry/pods0'), limit: 500, revision: 2 ** 40 + 7 };
    expect(hex(encodeRangeRequest(page))).to.equal(
      theirs.range.requestSerialize({ key: page.key, range_end: page.rangeEnd, limit: 500, revision: String(2 ** 40 + 7) }).toString('hex'),
    );
    expect(hex(encodeRangeRequest({ key: b('/a/'), rangeEnd: b('/a0'), countOnly: true }))).to.equal(
      theirs.range.requestSerialize({ key: b('/a/'), range_end: b('/a0'), count_only: true }).toString('hex'),
    );
  });

  it('TxnRequest: create, update with a lease beyond 2^53 and a value over 16 KiB, delete, the compactor claim', () => {
    const key = b('/registry/secrets/ns/s');
    const big = Buffer.alloc(20_000, 7);
    const lease = '7587869712339812355';
    const cases: [TxnRequest, object][] = [
      [
        { compare: [{ key, target: { createRevision: 0 } }], success: [{ put: { key, value: b('{"kind":"Secret"}') } }], failure: [{ range: { key } }] },
        { compare: [{ key, target: 'Create', create_revision: 0 }], success: [{ request_put: { key, value: b('{"kind":"Secret"}') } }], failure: [{ request_range: { key } }] },
      ],
      [
        { compare: [{ key, target: { modRevision: 123456 } }], success: [{ put: { key, value: big, lease, prevKv: true } }], failure: [{ range: { key } }] },
        { compare: [{ key, target: 'Mod', mod_revision: 123456 }], success: [{ request_put: { key, value: big, lease, prev_kv: true } }], failure: [{ request_range: { key } }] },
      ],
      [
        { compare: [{ key, target: { modRevision: 300 } }], success: [{ deleteRange: { key, prevKv: true } }], failure: [{ range: { key } }] },
        { compare: [{ key, target: 'Mod', mod_revision: 300 }], success: [{ request_delete_range: { key, prev_kv: true } }], failure: [{ request_range: { key } }] },
      ],
      [
        {
          compare: [{ key: b('compact_rev_key'), target: { version: 4 } }],
          success: [{ put: { key: b('compact_rev_key'), value: b('99') } }],
          failure: [{ range: { key: b('compact_rev_key') } }],
        },
        {
          compare: [{ key: b('compact_rev_key'), version: 4 }],
          success: [{ request_put: { key: b('compact_rev_key'), value: b('99') } }],
          failure: [{ request_range: { key: b('compact_rev_key') } }],
        },
      ],
    ];
    for (const [ours, etcd3] of cases) expect(hex(encodeTxnRequest(ours))).to.equal(theirs.txn.requestSerialize(etcd3).toString('hex'));
  });

  it('CompactionRequest', () => {
    expect(hex(encodeCompactionRequest({ revision: 98765 }))).to.equal(theirs.compact.requestSerialize({ revision: 98765 }).toString('hex'));
  });

  it('LeaseGrantRequest', () => {
    expect(hex(encodeLeaseGrantRequest(63))).to.equal(theirs.leaseGrant.requestSerialize({ TTL: 63 }).toString('hex'));
  });

  it('frames a message with the gRPC prefix: flag 0 and the big-endian length', () => {
    const frame = encodeRangeRequest({ key: b('k') }).finishGrpcFrame();
    expect([...frame.subarray(0, 5)]).to.deep.equal([0, 0, 0, 0, frame.length - 5]);
  });
});

describe('etcd codec: replies of a real etcd decode as etcd3 decodes them', function () {
  this.timeout(30_000);
  let etcd: EtcdProcess;
  let client: Etcd3;
  let session: ClientHttp2Session;
  const prefix = `/codec-${process.pid}/`;

  before(async () => {
    etcd = await startEtcd();
    client = new Etcd3({ hosts: etcd.endpoint });
    session = connect(etcd.endpoint);
  });
  after(async () => {
    session?.close();
    client?.close();
    await etcd?.stop();
  });

  /** The raw reply bytes of one call, through the lean caller. */
  const call = (path: string, w: ProtoWriter, timeoutMs = 5000) => unaryCall(session, path, w.finishGrpcFrame(), timeoutMs);

  /** What etcd3 reads from a KeyValue, in the lean decoder's terms. */
  const fromEtcd3 = (kv: Record<string, unknown>): KeyValue => ({
    key: (kv.key as Buffer).toString('utf8'),
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
    version: Number(kv.version),
    value: kv.value as Buffer,
    lease: kv.lease === '0' ? 0 : leaseNumber(kv.lease as string),
  });
  const header = (res: Record<string, unknown>) => Number((res.header as { revision: string }).revision);

  it('RangeResponse with values, a lease, more and count', async () => {
    const lease = client.lease(60, { autoKeepAlive: false });
    await lease.put(`${prefix}a`).value('first');
    await client.put(`${prefix}b`).value(Buffer.alloc(300, 1));
    await client.put(`${prefix}b`).value('second version');
    const reply = await call(etcdMethods.range, encodeRangeRequest({ key: b(prefix), rangeEnd: b(`${prefix.slice(0, -1)}0`), limit: 1 }));
    const ours = decodeRangeResponse(new ProtoReader(reply));
    const etcd3 = theirs.range.responseDeserialize(reply);
    expect(ours.revision).to.equal(header(etcd3)).and.be.greaterThan(0);
    expect(ours.more).to.equal(etcd3.more).and.equal(true);
    expect(ours.count).to.equal(Number(etcd3.count)).and.equal(2);
    expect(ours.kvs).to.deep.equal((etcd3.kvs as Record<string, unknown>[]).map(fromEtcd3));
    expect(ours.kvs[0].lease).to.not.equal(0);
    const all = decodeRangeResponse(new ProtoReader(await call(etcdMethods.range, encodeRangeRequest({ key: b(prefix), rangeEnd: b(`${prefix.slice(0, -1)}0`) }))));
    expect(all.kvs.map((kv) => [kv.key, kv.value.toString(), kv.version])).to.deep.equal([
      [`${prefix}a`, 'first', 1],
      [`${prefix}b`, 'second version', 2],
    ]);
    await lease.revoke();
  });

  it('TxnResponse: a put with prev_kv, a failed compare with its range, a delete with prev_kvs', async () => {
    const key = b(`${prefix}txn`);
    const created = await call(
      etcdMethods.txn,
      encodeTxnRequest({ compare: [{ key, target: { createRevision: 0 } }], success: [{ put: { key, value: b('v1') } }], failure: [{ range: { key } }] }),
    );
    const rev = decodeTxnResponse(new ProtoReader(created)).revision;
    for (const req of [
      { compare: [{ key, target: { modRevision: rev } }], success: [{ put: { key, value: b('v2'), prevKv: true } }], failure: [{ range: { key } }] },
      { compare: [{ key, target: { createRevision: 0 } }], success: [{ put: { key, value: b('v3') } }], failure: [{ range: { key } }] },
      { compare: [{ key, target: { modRevision: rev + 1 } }], success: [{ deleteRange: { key, prevKv: true } }], failure: [{ range: { key } }] },
    ] satisfies TxnRequest[]) {
      const reply = await call(etcdMethods.txn, encodeTxnRequest(req));
      const ours = decodeTxnResponse(new ProtoReader(reply));
      const etcd3 = theirs.txn.responseDeserialize(reply);
      expect(ours.revision).to.equal(header(etcd3));
      expect(ours.succeeded).to.equal(etcd3.succeeded);
      const ops = etcd3.responses as Record<string, Record<string, unknown>>[];
      expect(ours.responses.length).to.equal(ops.length).and.equal(1);
      const [op, theirOp] = [ours.responses[0], ops[0]];
      if (theirOp.response_put) expect(op.put?.prevKv).to.deep.equal(fromEtcd3(theirOp.response_put.prev_kv as Record<string, unknown>));
      if (theirOp.response_range) expect(op.range?.kvs).to.deep.equal((theirOp.response_range.kvs as Record<string, unknown>[]).map(fromEtcd3));
      if (theirOp.response_delete_range) {
        expect(op.deleteRange?.deleted).to.equal(Number(theirOp.response_delete_range.deleted)).and.equal(1);
        expect(op.deleteRange?.prevKvs).to.deep.equal((theirOp.response_delete_range.prev_kvs as Record<string, unknown>[]).map(fromEtcd3));
      }
    }
  });

  it('StatusResponse and CompactionResponse', async () => {
    const status = await call(etcdMethods.status, new ProtoWriter());
    const ours = decodeStatusResponse(new ProtoReader(status));
    const etcd3 = theirs.status.responseDeserialize(status);
    expect(ours).to.deep.equal({ revision: header(etcd3), version: etcd3.version, dbSize: Number(etcd3.dbSize) });
    expect(ours.version).to.match(/^3\./);
    const compacted = await call(etcdMethods.compact, encodeCompactionRequest({ revision: ours.revision }));
    expect(decodeCompactionResponse(new ProtoReader(compacted)).revision).to.equal(header(theirs.compact.responseDeserialize(compacted)));
  });

  it('LeaseGrantResponse: the full 64-bit id, as etcd3 reads it', async () => {
    const reply = await call(etcdMethods.leaseGrant, encodeLeaseGrantRequest(30));
    const ours = decodeLeaseGrantResponse(new ProtoReader(reply));
    const etcd3 = theirs.leaseGrant.responseDeserialize(reply);
    expect(ours).to.deep.equal({ revision: header(etcd3), id: etcd3.ID, ttl: Number(etcd3.TTL), error: etcd3.error });
    expect(BigInt(ours.id) > 2n ** 53n, 'etcd lease ids carry the member id in their high bits').to.equal(true);
    expect(ours.ttl).to.equal(30);
  });

  it("etcd's errors arrive as status and message, mapped as etcd3's errors are", async () => {
    const { revision } = decodeStatusResponse(new ProtoReader(await call(etcdMethods.status, new ProtoWriter())));
    await client.put(`${prefix}c`).value('x');
    await call(etcdMethods.compact, encodeCompactionRequest({ revision: revision + 1 }));
    const compacted = await call(etcdMethods.range, encodeRangeRequest({ key: b(`${prefix}c`), revision })).catch((e: unknown) => e);
    expect(compacted).to.be.instanceOf(GrpcError);
    expect((compacted as GrpcError).code).to.equal(11); // OUT_OF_RANGE
    expect((compacted as GrpcError).details).to.equal('etcdserver: mvcc: required revision has been compacted');
    const viaEtcd3 = await client
      .get(`${prefix}c`)
      .revision(revision)
      .catch((e: unknown) => e);
    expect(toKVError(compacted, revision)).to.deep.include({ code: 'Compacted' });
    expect(toKVError(compacted, revision).message).to.equal(toKVError(viaEtcd3, revision).message);
    const future = await call(etcdMethods.range, encodeRangeRequest({ key: b('k'), revision: revision + 1000 })).catch((e: unknown) => e);
    expect(toKVError(future, revision + 1000).code).to.equal('FutureRevision');
  });

  it("a reply far above grpc-js's default 4 MiB receive limit", async () => {
    const mib = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 6; i++) await client.put(`${prefix}big/${i}`).value(mib);
    const reply = await call(etcdMethods.range, encodeRangeRequest({ key: b(`${prefix}big/`), rangeEnd: b(`${prefix}big0`) }));
    const ours = decodeRangeResponse(new ProtoReader(reply));
    expect(reply.length).to.be.greaterThan(6 * 1024 * 1024);
    expect(ours.kvs.map((kv) => kv.value.equals(mib))).to.deep.equal([true, true, true, true, true, true]);
  });

  it('a deadline that passes fails the call with DeadlineExceeded', async () => {
    etcd.pause();
    // kill(2) returns before every thread of etcd has stopped; give the stop a moment to land.
    await new Promise((r) => setTimeout(r, 200));
    try {
      const started = Date.now();
      const err = await call(etcdMethods.range, encodeRangeRequest({ key: b('k') }), 500)
        .then(() => undefined)
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(GrpcError);
      expect((err as GrpcError).code).to.equal(grpcStatus.deadlineExceeded);
      expect(Date.now() - started).to.be.within(450, 2000);
    } finally {
      etcd.resume();
    }
  });
});
