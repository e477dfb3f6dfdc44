import { expect } from 'chai';
import fc from 'fast-check';
import { isStatusError } from '../../api/errors';
import { propertyRuns, thrownBy } from '../../testing/property-runs';
import { decodeProtobufObject } from './decode-object';
import { newProtobufMessageRegistry } from './registry';
import { ConfigMapLike } from './testing/config-map-like';
import { bytesField, doubleField, k8sEnvelope, messageField, tag, varint, varintField } from './testing/wire-writer';

const registry = newProtobufMessageRegistry({ v1: { ConfigMap: ConfigMapLike } });

/** Wire fields of any type under the field numbers a message uses, nested a few levels, and raw junk. */
const wireField: fc.Arbitrary<Buffer> = fc.letrec<{ field: Buffer }>((tie) => ({
  field: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(([n, v]) => varintField(n, v)),
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.uint8Array({ maxLength: 12 })).map(([n, b]) => bytesField(n, b)),
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.double()).map(([n, d]) => doubleField(n, d)),
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.array(tie('field'), { maxLength: 3 })).map(([n, parts]) => messageField(n, ...parts)),
    fc.tuple(fc.integer({ min: 0, max: 2 ** 29 }), fc.integer({ min: 0, max: 7 })).map(([n, w]) => tag(n, w)),
    fc.bigInt({ min: 0n, max: 2n ** 70n }).map((v) => varint(v)),
  ),
})).field;

const expectCleanError = (err: unknown) => {
  expect(isStatusError(err), String((err as Error)?.stack ?? err)).to.equal(true);
  expect((err as { code: number }).code).to.be.oneOf([400, 415]);
};

describe('protobuf decoder properties (fast-check)', () => {
  it('random bytes decode or are a 400/415, never another error', () => {
    const withMagic = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([Buffer.from('k8s\0'), b]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), withMagic), (bytes) => {
        const err = thrownBy(() => decodeProtobufObject(bytes, registry));
        if (err !== undefined) expectCleanError(err);
      }),
      propertyRuns(2000),
    );
  });

  it('a registered kind whose message is random wire fields decodes or is a 400, quickly', () => {
    fc.assert(
      fc.property(fc.array(wireField, { maxLength: 8 }), (fields) => {
        const started = Date.now();
        const err = thrownBy(() => decodeProtobufObject(k8sEnvelope('v1', 'ConfigMap', Buffer.concat(fields)), registry));
        if (err !== undefined) expectCleanError(err);
        expect(Date.now() - started).to.be.below(1000);
      }),
      propertyRuns(1000),
    );
  });

  it('a built-in kind (generated tables) whose message is random wire fields decodes or is a 400, quickly', () => {
    const kinds = fc.constantFrom(
      ['v1', 'Pod'],
      ['apps/v1', 'Deployment'],
      ['batch/v1', 'Job'],
      ['networking.k8s.io/v1', 'Ingress'],
      ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
      ['authorization.k8s.io/v1', 'SubjectAccessReview'],
    );
    fc.assert(
      fc.property(kinds, fc.array(wireField, { maxLength: 8 }), ([apiVersion, kind], fields) => {
        const started = Date.now();
        const err = thrownBy(() => decodeProtobufObject(k8sEnvelope(apiVersion, kind, Buffer.concat(fields)), undefined));
        if (err !== undefined) expectCleanError(err);
        expect(Date.now() - started).to.be.below(1000);
      }),
      propertyRuns(1000),
    );
  });

  it('a field whose length runs past the end of the body is a 400 (truncated message)', () => {
    const body = k8sEnvelope('v1', 'ConfigMap', Buffer.concat([tag(1, 2), varint(2 ** 40)]));
    expectCleanError(thrownBy(() => decodeProtobufObject(body, registry)));
  });
});
