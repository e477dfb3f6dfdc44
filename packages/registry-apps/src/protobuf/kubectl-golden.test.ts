import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { protobuf } from '@kapi/apiserver-core';

/*
 * Golden tests: testdata/<name>.pb is the body the real kubectl v1.32 POSTed for commands.json's
 * <name> (captured by apiserver-core's runtime/protobuf/testing/capture-kubectl.ts); <name>.json is
 * what the same command printed with --dry-run=client -o json.
 */
const testdata = path.join(__dirname, 'testdata');
const read = (name: string) => readFileSync(path.join(testdata, name));

describe('apps protobuf messages decode what kubectl sends', () => {
  const names = readdirSync(testdata)
    .filter((f) => f.endsWith('.pb'))
    .map((f) => f.slice(0, -3));

  it('has the kubectl create deployment fixtures', () => {
    expect(names).to.include.members(['deployment', 'deployment-replicas-port', 'deployment-multi']);
  });

  for (const name of names) {
    it(`${name}: decodes to the JSON kubectl prints for the same object`, () => {
      const got = protobuf.decodeProtobufObject(read(`${name}.pb`), undefined);
      expect(got).to.deep.equal(JSON.parse(read(`${name}.json`).toString('utf8')));
    });
  }

  it('decodes autoscaling/v1 Scale, the body of PUT deployments/scale', () => {
    // Length-delimited field (lengths below 128 fit one byte).
    const ld = (n: number, ...parts: (Buffer | string)[]) => {
      const b = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
      return Buffer.concat([Buffer.from([(n << 3) | 2, b.length]), b]);
    };
    const raw = Buffer.concat([ld(1, ld(1, 'web'), ld(3, 'demo')), ld(2, Buffer.from([0x08, 5])), ld(3)]);
    const body = Buffer.concat([Buffer.from('k8s\0'), ld(1, ld(1, 'autoscaling/v1'), ld(2, 'Scale')), ld(2, raw)]);
    expect(protobuf.decodeProtobufObject(body, undefined)).to.deep.equal({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web', namespace: 'demo', creationTimestamp: null },
      spec: { replicas: 5 },
      status: { replicas: 0 },
    });
  });
});
