import { expect } from 'chai';
import { protobuf } from '@kapi/apiserver-core';

/** A length-delimited field (all lengths here are below 128, so one length byte). */
const field = (n: number, body: Buffer | string): Buffer => {
  const b = Buffer.from(body);
  return Buffer.concat([Buffer.from([(n << 3) | 2, b.length]), b]);
};
/** "k8s\0" + runtime.Unknown{typeMeta, raw}: what client-go's protobuf serializer sends. */
const envelope = (apiVersion: string, kind: string, raw: Buffer) =>
  Buffer.concat([Buffer.from('k8s\0'), field(1, Buffer.concat([field(1, apiVersion), field(2, kind)])), field(2, raw)]);

describe('authentication.k8s.io/v1 protobuf request bodies', () => {
  it('decodes a TokenReview as a typed client sends it', () => {
    const spec = Buffer.concat([field(1, 's3cret'), field(2, 'api'), field(2, 'vault')]);
    const body = envelope('authentication.k8s.io/v1', 'TokenReview', Buffer.concat([field(1, Buffer.alloc(0)), field(2, spec)]));
    const obj = protobuf.decodeProtobufObject(body, undefined);
    expect(obj).to.deep.include({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 's3cret', audiences: ['api', 'vault'] } });
  });

  it('decodes the empty SelfSubjectReview of kubectl auth whoami', () => {
    const body = envelope('authentication.k8s.io/v1', 'SelfSubjectReview', field(1, Buffer.alloc(0)));
    expect(protobuf.decodeProtobufObject(body, undefined)).to.deep.include({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  });
});
