/**
 * The Watch codec against etcd3's (its rpc.proto through its proto-loader): the requests' bytes,
 * and a real etcd's watch replies — created, events with prev_kv, a delete, a progress answer to
 * watch id -1, a compacted start — read alike by both decoders, through GrpcStreamCall.
 */
import { connect, type ClientHttp2Session } from 'node:http2';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { Etcd3 } from 'etcd3';
import { leaseNumber } from '../etcd-key-value';
import { startEtcd, type EtcdProcess } from '../testing/start-etcd';
import type { KeyValue } from './etcd-proto';
import { decodeWatchResponse, encodeWatchCancel, encodeWatchCreate, encodeWatchProgress, watchMethod, type WatchResponse } from './etcd-watch-proto';
import { ProtoReader } from './proto-reader';
import { GrpcStreamCall } from './stream-call';

interface MethodDefinition {
  requestSerialize(value: object): Buffer;
  responseDeserialize(bytes: Buffer): Record<string, unknown>;
}

function etcd3Watch(): MethodDefinition {
  const etcd3Dir = dirname(require.resolve('etcd3/package.json'));
  const protoLoader = require(require.resolve('@grpc/proto-loader', { paths: [etcd3Dir] })) as {
    loadSync(file: string, options: object): Record<string, Record<string, MethodDefinition>>;
  };
  return protoLoader.loadSync(join(etcd3Dir, 'proto', 'rpc.proto'), { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true })['etcdserverpb.Watch'].Watch;
}

const theirs = etcd3Watch();
const unframe = (frame: Buffer) => frame.subarray(5).toString('hex');

type Etcd3KV = Record<string, unknown> | null;
const kvOf = (kv: Etcd3KV): KeyValue | undefined =>
  kv && (kv.key as Buffer).length > 0
    ? {
        key: (kv.key as Buffer).toString('utf8'),
        createRevision: Number(kv.create_revision),
        modRevision: Number(kv.mod_revision),
        version: Number(kv.version),
        value: kv.value as Buffer,
        lease: kv.lease === '0' ? 0 : leaseNumber(kv.lease as string),
      }
    : undefined;

/** etcd3's decoding of a WatchResponse in the lean decoder's terms. */
function asEtcd3Reads(res: Record<string, unknown>): WatchResponse {
  const events = (res.events as Record<string, unknown>[]).map((ev) => {
    const prevKv = kvOf(ev.prev_kv as Etcd3KV);
    return { type: ev.type === 'Delete' ? ('delete' as const) : ('put' as const), kv: kvOf(ev.kv as Etcd3KV)!, ...(prevKv ? { prevKv } : {}) };
  });
  return {
    revision: Number((res.header as { revision: string }).revision),
    watchId: Number(res.watch_id),
    created: res.created as boolean,
    canceled: res.canceled as boolean,
    compactRevision: Number(res.compact_revision),
    cancelReason: res.cancel_reason as string,
    events,
  };
}

describe('etcd watch codec', function () {
  this.timeout(30_000);
  let etcd: EtcdProcess;
  let client: Etcd3;
  let session: ClientHttp2Session;
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

  it('writes create, cancel and progress requests as etcd3 encodes them', () => {
    const key = Buffer.from('/registry/pods/');
    const rangeEnd = Buffer.from('/registry/pods0');
    expect(unframe(encodeWatchCreate({ key, rangeEnd, startRevision: 2 ** 33 + 5, watchId: 7 }))).to.equal(
      theirs
        .requestSerialize({ create_request: { key, range_end: rangeEnd, start_revision: String(2 ** 33 + 5), progress_notify: true, prev_kv: true, watch_id: 7 } })
        .toString('hex'),
    );
    expect(unframe(encodeWatchCancel(7))).to.equal(theirs.requestSerialize({ cancel_request: { watch_id: 7 } }).toString('hex'));
    expect(unframe(encodeWatchProgress())).to.equal(theirs.requestSerialize({ progress_request: {} }).toString('hex'));
  });

  it("decodes a real etcd's watch replies as etcd3 does", async () => {
    const prefix = `/watch-${process.pid}/`;
    const start = Number((await client.put(`${prefix}seed`).value('0').exec()).header.revision);
    const replies: Buffer[] = [];
    let ended: Error | undefined;
    const call = new GrpcStreamCall(session, watchMethod, { onMessage: (m) => replies.push(Buffer.from(m)), onEnd: (err) => (ended = err) });
    const decoded = () => replies.map((r) => decodeWatchResponse(new ProtoReader(r)));
    const until = async (what: string, seen: (rs: WatchResponse[]) => boolean) => {
      for (let i = 0; i < 100 && !seen(decoded()); i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen(decoded()), what).to.equal(true);
    };
    const events = () => decoded().flatMap((r) => r.events);
    call.write(encodeWatchCreate({ key: Buffer.from(prefix), rangeEnd: Buffer.from(`${prefix.slice(0, -1)}0`), startRevision: start, watchId: 1 }));
    await until('the seed event', () => events().length === 1);
    const lease = client.lease(60, { autoKeepAlive: false });
    await lease.put(`${prefix}a`).value('v1');
    await client.put(`${prefix}a`).value('v2 '.repeat(5000));
    await client.delete().key(`${prefix}a`);
    await until('three more events', () => events().length === 4);
    call.write(encodeWatchProgress());
    await until('a progress notification', (rs) => rs.some((r) => r.watchId === -1));
    // A second watch from a compacted revision is canceled with the compact revision.
    const now = Number((await client.put(`${prefix}b`).value('x').exec()).header.revision);
    await client.kv.compact({ revision: now });
    call.write(encodeWatchCreate({ key: Buffer.from(`${prefix}z`), startRevision: start, watchId: 2 }));
    await until('the compacted watch canceled', (rs) => rs.some((r) => r.watchId === 2 && r.canceled));
    call.cancel();
    await lease.revoke();

    const ours = decoded();
    const etcd3Reads = replies.map((r) => asEtcd3Reads(theirs.responseDeserialize(r)));
    expect(ours).to.deep.equal(etcd3Reads);
    expect(ours[0]).to.deep.include({ watchId: 1, created: true });
    expect(events().map((e) => [e.type, e.kv.key, e.prevKv?.value.toString().slice(0, 2)])).to.deep.include.members([
      ['put', `${prefix}a`, undefined],
      ['put', `${prefix}a`, 'v1'],
      ['delete', `${prefix}a`, 'v2'],
    ]);
    expect(
      ours.some((r) => r.watchId === -1 && r.events.length === 0),
      'the progress answer to watch id -1',
    ).to.equal(true);
    const canceled = ours.find((r) => r.watchId === 2 && r.canceled);
    expect(canceled?.compactRevision).to.equal(now);
    expect(ended).to.equal(undefined);
  });
});
