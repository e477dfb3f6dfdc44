import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { StatusError } from '../../api/errors';
import { decodeMessage } from './decode-message';
import { decodeProtobufObject } from './decode-object';
import { list, message } from './descriptor';
import { GeneratedMessageTables, builtinMessage, builtinProtobufMessages, generatedTablesDir } from './generated-tables';
import * as metaV1 from './meta-v1';
import { newProtobufMessageRegistry } from './registry';
import { bytesField, doubleField, k8sEnvelope, messageField, varintField } from './testing/wire-writer';
import { goDurationString } from './well-known';

/*
 * The generated tables decode kinds no group declares. testdata/<name>.pb (name in commands.json) is
 * the body the real kubectl v1.32 POSTed and <name>.json what the same command printed with
 * --dry-run=client -o json (testing/capture-kubectl.ts); *-rich.pb were encoded from *-rich.json by
 * protobufjs over k8s.io/api v0.32.4's generated.proto (registry-core's encode-with-protobufjs.cjs),
 * so their field numbers come from a source independent of the Go struct tags the tables are read from.
 */
const testdata = path.join(__dirname, 'testdata');
const read = (name: string) => readFileSync(path.join(testdata, name));
const json = (name: string): unknown => JSON.parse(read(name).toString('utf8'));

describe('generated protobuf tables', () => {
  const commands = Object.keys(json('commands.json') as Record<string, string[]>);

  for (const name of commands) {
    it(`kubectl create ${name}: decodes the captured body to the JSON kubectl prints`, () => {
      expect(decodeProtobufObject(read(`${name}.pb`), undefined)).to.deep.equal(json(`${name}.json`));
    });
  }

  for (const name of readdirSync(testdata)
    .filter((f) => f.endsWith('-rich.pb'))
    .map((f) => f.slice(0, -3))) {
    it(`${name}: a body encoded by protobufjs decodes to the JSON it was encoded from`, () => {
      expect(decodeProtobufObject(read(`${name}.pb`), undefined)).to.deep.equal(json(`${name}.json`));
    });
  }

  it('builds the message of every kind of every served group-version (no dangling reference, no unknown well-known type)', () => {
    const index = JSON.parse(readFileSync(path.join(generatedTablesDir, 'index.json'), 'utf8')) as {
      packages: Record<string, { file: string; apiVersion?: string }>;
    };
    let kinds = 0;
    for (const entry of Object.values(index.packages)) {
      if (!entry.apiVersion) continue;
      const table = JSON.parse(readFileSync(path.join(generatedTablesDir, entry.file), 'utf8')) as { kinds?: string[] };
      for (const kind of table.kinds ?? []) {
        const desc = builtinProtobufMessages.lookup(entry.apiVersion, kind);
        expect(desc?.name, `${entry.apiVersion} ${kind}`).to.equal(kind);
        // The zero message renders: every field type down the tree resolved.
        expect(decodeMessage(desc!, new Uint8Array(0))).to.be.an('object');
        kinds++;
      }
    }
    expect(kinds).to.be.greaterThan(100);
  });

  it('decodes subresource bodies of other groups: policy/v1 Eviction with its DeleteOptions', () => {
    const raw = Buffer.concat([messageField(1, bytesField(1, 'web-0'), bytesField(3, 'demo')), messageField(2, varintField(1, 0))]);
    expect(decodeProtobufObject(k8sEnvelope('policy/v1', 'Eviction', raw), undefined)).to.deep.equal({
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'web-0', namespace: 'demo', creationTimestamp: null },
      deleteOptions: { gracePeriodSeconds: 0 },
    });
  });

  it('decodes a recursive CRD schema with the JSON unions of apiextensions.k8s.io/v1', () => {
    const JSONSchemaProps = builtinProtobufMessages.message('k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1', 'JSONSchemaProps');
    const entry = (key: string, ...value: Buffer[]) => messageField(29, bytesField(1, key), messageField(2, ...value));
    const schema = Buffer.concat([
      bytesField(5, 'object'),
      entry('size', bytesField(5, 'integer'), messageField(8, bytesField(1, '3')), doubleField(9, 10)),
      entry('tags', bytesField(5, 'array'), messageField(24, messageField(1, bytesField(5, 'string')))),
      entry('labels', bytesField(5, 'object'), messageField(30, messageField(2, bytesField(5, 'string')))),
      entry('mode', bytesField(5, 'string'), messageField(20, bytesField(1, '"a"')), messageField(20, bytesField(1, '"b"'))),
      messageField(30, varintField(1, false)),
      bytesField(23, 'size'),
    ]);
    expect(decodeMessage(JSONSchemaProps, schema)).to.deep.equal({
      type: 'object',
      required: ['size'],
      additionalProperties: false,
      properties: {
        size: { type: 'integer', default: 3, maximum: 10 },
        tags: { type: 'array', items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        mode: { type: 'string', enum: ['a', 'b'] },
      },
    });
  });

  it('a CRD schema nested past the depth limit through its items unions is a 400, not a stack overflow', () => {
    let schema = bytesField(5, 'string');
    for (let i = 0; i < 3000; i++) schema = messageField(24, messageField(1, schema)); // items: { schema: … }
    // CustomResourceDefinition.spec.versions[0].schema.openAPIV3Schema
    const crd = messageField(2, messageField(7, messageField(4, messageField(1, schema))));
    const body = k8sEnvelope('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd);
    expect(() => decodeProtobufObject(body, undefined))
      .to.throw(StatusError)
      .with.property('code', 400);
  });

  it('a plugin table names built-in messages through the generated tables (README example)', () => {
    const WidgetSpec = message('WidgetSpec', [
      [1, 'size', 'int32', 'noOmitEmpty'],
      [2, 'template', builtinMessage('k8s.io/api/core/v1', 'PodTemplateSpec'), 'pointer'],
      [3, 'owners', list('string')],
    ]);
    const Widget = message('Widget', [
      [1, 'metadata', metaV1.message('ObjectMeta')],
      [2, 'spec', WidgetSpec],
    ]);
    const registry = newProtobufMessageRegistry({ 'example.com/v1': { Widget } });
    const template = messageField(2, messageField(2, messageField(2, bytesField(1, 'c'), bytesField(2, 'busybox'))));
    const raw = Buffer.concat([messageField(1, bytesField(1, 'w')), messageField(2, varintField(1, 0), template)]);
    expect(decodeProtobufObject(k8sEnvelope('example.com/v1', 'Widget', raw), registry)).to.deep.equal({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', creationTimestamp: null },
      spec: {
        size: 0,
        template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'c', image: 'busybox', resources: {} }] } },
      },
    });
  });

  it('answers no message for kinds outside the served release', () => {
    expect(builtinProtobufMessages.lookup('batch/v1beta1', 'CronJob')).to.equal(undefined);
    expect(builtinProtobufMessages.lookup('v1', 'hasOwnProperty')).to.equal(undefined);
    expect(builtinProtobufMessages.kubeAPIVersion).to.match(/^v0\.\d+\.\d+$/);
  });

  it('without generated tables, says which script writes them', () => {
    const none = new GeneratedMessageTables(path.join(testdata, 'no-such-dir'));
    expect(() => none.lookup('batch/v1', 'Job')).to.throw(/cannot read .*index\.json; run scripts\/generate-protobuf\.sh/);
  });

  it('renders metav1.Duration as Go time.Duration.String() does', () => {
    expect([0, 1, 1500, 2e6, 1.5e9, 90e9, 3600e9, 5400.25e9, -2e9].map(goDurationString)).to.deep.equal([
      '0s',
      '1ns',
      '1.5µs',
      '2ms',
      '1.5s',
      '1m30s',
      '1h0m0s',
      '1h30m0.25s',
      '-2s',
    ]);
  });
});
