import { expect } from 'chai';
import { decodeMessage } from './decode-message';
import { list, map, message } from './descriptor';
import * as metaV1 from './meta-v1';
import { bytesField, doubleField, messageField, tag, varint, varintField } from './testing/wire-writer';
import { IntOrString, Quantity, RawExtension, Time } from './well-known';
import { ProtobufWireError } from './wire-reader';

const ObjectMeta = metaV1.message('ObjectMeta');

const Port = message('Port', [
  [1, 'name', 'string'],
  [2, 'port', 'int32', 'noOmitEmpty'],
  [3, 'targetPort', IntOrString],
]);

const Spec = message('Spec', [
  [1, 'replicas', 'int32', 'pointer'],
  [2, 'paused', 'bool'],
  [3, 'selector', Port, 'nullable'],
  [4, 'ports', list(Port)],
  [5, 'finalizers', list('string'), 'noOmitEmpty'],
  [6, 'weights', list('int64')],
  [7, 'limits', map(Quantity)],
  [8, 'data', map('bytes')],
  [9, 'ratio', 'double'],
  [10, 'template', Port],
  [11, 'extension', RawExtension],
  [12, 'optionalPort', Port, 'pointer'],
]);

describe('protobuf decodeMessage', () => {
  it('renders absent fields the way encoding/json renders the zero Go struct', () => {
    expect(decodeMessage(Spec, Buffer.alloc(0))).to.deep.equal({
      selector: null, // pointer without omitempty
      finalizers: null, // nil slice without omitempty
      template: { port: 0, targetPort: 0 }, // structs are never omitted; their non-omitempty fields are written
      extension: null,
    });
  });

  it('writes a pointer field that is present even when zero, and leaves out zero omitempty scalars', () => {
    const got = decodeMessage(Spec, Buffer.concat([varintField(1, 0), varintField(2, false), messageField(12)])) as Record<string, unknown>;
    expect(got.replicas).to.equal(0);
    expect(got).not.to.have.property('paused');
    expect(got.optionalPort).to.deep.equal({ port: 0, targetPort: 0 });
  });

  it('decodes lists (packed and unpacked), maps of messages and bytes, doubles and negative ints', () => {
    const body = Buffer.concat([
      messageField(4, bytesField(1, 'http'), varintField(2, 80), messageField(3, varintField(1, 1), bytesField(3, 'web'))),
      messageField(4, varintField(2, -1), messageField(3, varintField(2, 8080))),
      bytesField(5, 'a'),
      bytesField(5, 'b'),
      bytesField(6, Buffer.concat([varint(1), varint(2n ** 40n)])), // packed
      varintField(6, -3), // and one more unpacked
      messageField(7, bytesField(1, 'cpu'), messageField(2, bytesField(1, '100m'))),
      messageField(8, bytesField(1, 'k'), bytesField(2, Buffer.from([0, 255]))),
      messageField(8, bytesField(1, 'empty')),
      doubleField(9, 0.25),
    ]);
    expect(decodeMessage(Spec, body)).to.deep.include({
      ports: [
        { name: 'http', port: 80, targetPort: 'web' },
        { port: -1, targetPort: 8080 },
      ],
      finalizers: ['a', 'b'],
      weights: [1, 2 ** 40, -3],
      limits: { cpu: '100m' },
      data: { k: 'AP8=', empty: '' },
      ratio: 0.25,
    });
  });

  it('merges a message field sent twice and skips unknown field numbers', () => {
    const body = Buffer.concat([messageField(10, bytesField(1, 'first')), bytesField(99, 'unknown'), tag(100, 5), Buffer.alloc(4), messageField(10, varintField(2, 7))]);
    expect((decodeMessage(Spec, body) as Record<string, unknown>).template).to.deep.equal({ name: 'first', port: 7, targetPort: 0 });
  });

  it('refuses a known field sent with the wrong wire type', () => {
    expect(() => decodeMessage(Spec, varintField(4, 1))).to.throw(ProtobufWireError, /Spec.ports: wire type 0, expected 2/);
  });

  it('decodes ObjectMeta with times, labels, owner references and managed fields', () => {
    const body = Buffer.concat([
      bytesField(1, 'web'),
      bytesField(3, 'demo'),
      varintField(7, 3),
      messageField(8, varintField(1, 1700000000), varintField(2, 123456789)),
      messageField(11, bytesField(1, 'app'), bytesField(2, 'web')),
      messageField(13, bytesField(1, 'ReplicaSet'), bytesField(3, 'rs'), bytesField(4, 'u1'), bytesField(5, 'apps/v1'), varintField(6, true)),
      messageField(17, bytesField(1, 'kubectl'), bytesField(2, 'Update'), bytesField(6, 'FieldsV1'), messageField(7, bytesField(1, '{"f:data":{}}'))),
    ]);
    expect(decodeMessage(ObjectMeta, body)).to.deep.equal({
      name: 'web',
      namespace: 'demo',
      generation: 3,
      creationTimestamp: '2023-11-14T22:13:20Z', // seconds only, as metav1.Time unmarshals
      labels: { app: 'web' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true }],
      managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }],
    });
  });

  it('renders the zero Time as null and RawExtension as its JSON', () => {
    const Holder = message('Holder', [
      [1, 'at', Time],
      [2, 'raw', RawExtension],
    ]);
    expect(decodeMessage(Holder, Buffer.concat([messageField(1), messageField(2, bytesField(1, '{"a":[1]}'))]))).to.deep.equal({ at: null, raw: { a: [1] } });
  });
});
