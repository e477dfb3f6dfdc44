import { expect } from 'chai';
import { protobuf } from '@kapi/apiserver-core';

/** Length-delimited protobuf fields, enough to write what client-go sends for a review. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
};
const field = (n: number, value: string | Buffer): Buffer => {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([Buffer.from([...varint((n << 3) | 2), ...varint(bytes.length)]), bytes]);
};
const msg = (...fields: Buffer[]) => Buffer.concat(fields);
/** runtime.Unknown after the "k8s\0" magic: typeMeta, raw, contentEncoding, contentType. */
const envelope = (apiVersion: string, kind: string, raw: Buffer) =>
  Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), field(1, msg(field(1, apiVersion), field(2, kind))), field(2, raw), field(4, '')]);

describe('authorization.k8s.io/v1 protobuf', () => {
  it('decodes a SubjectAccessReview with groups, uid and extra as client-go encodes it', () => {
    const spec = msg(
      field(1, msg(field(1, 'team'), field(2, 'get'), field(5, 'pods'), field(7, 'web'))),
      field(3, 'alice'),
      field(4, 'devs'),
      field(4, 'ops'),
      field(5, msg(field(1, 'scopes'), field(2, msg(field(1, 'view'), field(1, 'edit'))))),
      field(6, 'u-1'),
    );
    const body = envelope('authorization.k8s.io/v1', 'SubjectAccessReview', msg(field(1, msg()), field(2, spec), field(3, msg())));
    const obj = protobuf.decodeProtobufObject(body, undefined);
    expect(obj.kind).to.equal('SubjectAccessReview');
    expect(obj.spec).to.deep.equal({
      resourceAttributes: { namespace: 'team', verb: 'get', resource: 'pods', name: 'web' },
      user: 'alice',
      groups: ['devs', 'ops'],
      extra: { scopes: ['view', 'edit'] },
      uid: 'u-1',
    });
  });

  it('decodes a LocalSubjectAccessReview with non-resource attributes', () => {
    const spec = msg(field(2, msg(field(1, '/logs'), field(2, 'get'))), field(3, 'bob'));
    const body = envelope('authorization.k8s.io/v1', 'LocalSubjectAccessReview', msg(field(1, msg(field(3, 'team'))), field(2, spec)));
    const obj = protobuf.decodeProtobufObject(body, undefined);
    expect(obj.metadata?.namespace).to.equal('team');
    expect(obj.spec).to.deep.equal({ nonResourceAttributes: { path: '/logs', verb: 'get' }, user: 'bob' });
  });
});
