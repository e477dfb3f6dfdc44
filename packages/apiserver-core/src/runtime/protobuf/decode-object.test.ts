import { expect } from 'chai';
import { StatusError } from '../../api/errors';
import { decodeProtobufObject } from './decode-object';
import { decodeUnknown } from './envelope';
import { ConfigMapLike } from './testing/config-map-like';
import { newProtobufMessageRegistry } from './registry';
import { bytesField, k8sEnvelope, messageField, varintField } from './testing/wire-writer';

const registry = newProtobufMessageRegistry({ v1: { ConfigMap: ConfigMapLike } });

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

describe('protobuf envelope and decodeProtobufObject', () => {
  it('reads the magic prefix and runtime.Unknown, skipping fields it does not know', () => {
    const body = Buffer.concat([k8sEnvelope('v1', 'ConfigMap', bytesField(1, 'x')), bytesField(4, 'application/vnd.kubernetes.protobuf'), bytesField(9, 'future')]);
    const env = decodeUnknown(body);
    expect(env).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap', contentType: 'application/vnd.kubernetes.protobuf', contentEncoding: '' });
    expect(Buffer.from(env.raw).toString()).to.equal('\n\x01x');
  });

  it('decodes a registered kind with apiVersion and kind from the envelope', () => {
    const raw = Buffer.concat([messageField(1, bytesField(1, 'app')), messageField(2, bytesField(1, 'a'), bytesField(2, '1'))]);
    expect(decodeProtobufObject(k8sEnvelope('v1', 'ConfigMap', raw), registry)).to.deep.equal({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app', creationTimestamp: null },
      data: { a: '1' },
    });
  });

  it('answers 415 for a kind without a message, as kube-apiserver does for custom resources', () => {
    const err = statusOf(() => decodeProtobufObject(k8sEnvelope('example.com/v1', 'Widget', Buffer.alloc(0)), registry));
    expect(err.code).to.equal(415);
    expect(err.reason).to.equal('UnsupportedMediaType');
  });

  it('answers 400 for bytes without the magic prefix or with a broken message', () => {
    expect(statusOf(() => decodeProtobufObject(Buffer.from('{"kind":"ConfigMap"}'), registry)).code).to.equal(400);
    const broken = k8sEnvelope('v1', 'ConfigMap', varintField(1, 5)); // metadata sent as a varint
    expect(statusOf(() => decodeProtobufObject(broken, registry)).message).to.match(/ConfigMap.metadata: wire type 0/);
  });

  it('decodes DeleteOptions in any group version, as metav1.AddToGroupVersion registers it everywhere', () => {
    const raw = Buffer.concat([varintField(1, 0), bytesField(4, 'Foreground'), bytesField(5, 'All')]);
    expect(decodeProtobufObject(k8sEnvelope('apps/v1', 'DeleteOptions', raw), undefined)).to.deep.equal({
      apiVersion: 'apps/v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    });
    expect(statusOf(() => decodeProtobufObject(k8sEnvelope('v1', 'toString', Buffer.alloc(0)), undefined)).code).to.equal(415);
  });
});
