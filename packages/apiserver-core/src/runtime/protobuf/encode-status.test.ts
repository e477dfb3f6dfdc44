import { expect } from 'chai';
import { newNotAcceptable } from '../../api/errors';
import { decodeUnknown } from './envelope';
import { encodeStatusProtobuf } from './encode-status';

describe('encodeStatusProtobuf', () => {
  it('writes the bytes kube-apiserver 1.32.4 answered for a custom resource asked for protobuf only (406)', () => {
    // curl -H 'Accept: application/vnd.kubernetes.protobuf' …/apis/example.dev/v1/namespaces/default/widgets, kube-apiserver v1.32.4
    const kube = Buffer.from(
      '6b3873000a0c0a0276311206537461747573129901' +
        '0a060a0012001a00' +
        '1207' +
        Buffer.from('Failure').toString('hex') +
        '1a74' +
        Buffer.from('only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf').toString('hex') +
        '220d' +
        Buffer.from('NotAcceptable').toString('hex') +
        '309603' +
        '1a002200',
      'hex',
    );
    const status = newNotAcceptable('only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf').toStatus();
    expect(encodeStatusProtobuf(status).toString('hex')).to.equal(kube.toString('hex'));
  });

  it('carries details with causes, readable as a v1 Status', () => {
    const out = encodeStatusProtobuf({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'm',
      reason: 'Invalid',
      code: 422,
      details: { name: 'w', kind: 'widgets', causes: [{ reason: 'FieldValueInvalid', message: 'bad', field: 'spec.a' }] },
    });
    const env = decodeUnknown(out);
    expect(env).to.include({ apiVersion: 'v1', kind: 'Status' });
    expect(Buffer.from(env.raw).includes(Buffer.from('spec.a'))).to.equal(true);
  });
});
