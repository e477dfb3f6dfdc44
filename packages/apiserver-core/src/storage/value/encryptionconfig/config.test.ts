import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadEncryptionConfig } from './config';

const k32 = Buffer.alloc(32, 7).toString('base64');

describe('loadEncryptionConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'kapi-encconfig-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (text: string) => {
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, text);
    return file;
  };
  const load = (resources: object[], header = 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n') =>
    loadEncryptionConfig(write(`${header}resources: ${JSON.stringify(resources)}\n`));
  const loadError = (resources: object[]) => {
    try {
      load(resources);
    } catch (err) {
      return (err as Error).message;
    }
    return expect.fail('loaded');
  };
  const aescbc = { aescbc: { keys: [{ name: 'k', secret: k32 }] } };

  it('resolves a resource exactly, then *.<group>, then *.* (custom resources included)', async () => {
    const t = load([
      { resources: ['secrets'], providers: [aescbc] },
      { resources: ['*.apps'], providers: [{ secretbox: { keys: [{ name: 's', secret: k32 }] } }] },
      { resources: ['*.*'], providers: [{ aesgcm: { keys: [{ name: 'g', secret: k32 }] } }] },
    ]);
    const prefix = async (group: string, resource: string) =>
      (await t.transformerForResource({ group, resource })!.transformToStorage(Buffer.from('{}'), '/k')).subarray(0, 24).toString();
    expect(await prefix('', 'secrets')).to.match(/^k8s:enc:aescbc:v1:k:/);
    expect(await prefix('apps', 'deployments')).to.match(/^k8s:enc:secretbox:v1:s:/);
    expect(await prefix('', 'configmaps')).to.match(/^k8s:enc:aesgcm:v1:g:/);
    expect(await prefix('widgets.example.com', 'widgets')).to.match(/^k8s:enc:aesgcm:v1:g:/);
  });

  it('leaves resources no rule names unencrypted', () => {
    const t = load([{ resources: ['secrets'], providers: [aescbc] }]);
    expect(t.transformerForResource({ group: '', resource: 'configmaps' })).to.equal(undefined);
    expect(t.transformerForResource({ group: 'apps', resource: 'secrets' })).to.equal(undefined);
  });

  it('accepts the deprecated kind EncryptionConfig of v1', () => {
    const t = load([{ resources: ['secrets'], providers: [aescbc] }], 'apiVersion: v1\nkind: EncryptionConfig\n');
    expect(t.transformerForResource({ group: '', resource: 'secrets' })).to.not.equal(undefined);
  });

  it('marks values read through a later provider as stale, so an update rewrites them', async () => {
    const old = load([{ resources: ['secrets'], providers: [aescbc] }]).transformerForResource({ group: '', resource: 'secrets' })!;
    const stored = await old.transformToStorage(Buffer.from('{"a":1}'), '/k');
    const rotated = load([{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'g', secret: k32 }] } }, aescbc] }]).transformerForResource({
      group: '',
      resource: 'secrets',
    })!;
    expect(await rotated.transformFromStorage(stored, '/k')).to.deep.equal({ data: Buffer.from('{"a":1}'), stale: true });
    expect((await old.transformFromStorage(stored, '/k')).stale).to.equal(false);
  });

  it('rejects a rule masked by an earlier wildcard, with kube message', () => {
    expect(
      loadError([
        { resources: ['*.'], providers: [aescbc] },
        { resources: ['secrets'], providers: [aescbc] },
      ]),
    ).to.equal('error while building transformers: resource "secrets" is masked by earlier rule "*."');
  });

  it('reports validation errors with kube paths and messages', () => {
    expect(loadError([{ resources: ['secrets'], providers: [{ aescbc: { keys: [{ name: 'k', secret: Buffer.alloc(8).toString('base64') }] } }] }])).to.equal(
      'error while parsing file: resources[0].providers[0].aescbc.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 8, expected one of [16 24 32]',
    );
    expect(loadError([{ resources: ['Secrets'], providers: [] }])).to.equal(
      'error while parsing file: [resources[0].resources[0]: Invalid value: "Secrets": resource name should not contain capital letters, ' +
        'resources[0].providers: Required value: at least one resources[0].providers is required]',
    );
    expect(loadError([{ resources: ['secrets'], providers: [{ secretbox: { keys: [{ name: 'k', secret: 'not base64!' }] } }] }])).to.equal(
      'error while parsing file: resources[0].providers[0].secretbox.keys[0].secret: Invalid value: "REDACTED": secrets must be base64 encoded',
    );
    expect(loadError([{ resources: ['*'], providers: [{ identity: {} }] }])).to.equal(
      `error while parsing file: resources[0].resources[0]: Invalid value: "*": use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources`,
    );
    expect(loadError([{ resources: ['secrets'], providers: [{ identity: {}, aescbc: aescbc.aescbc }] }])).to.include(
      'more than one provider specified in a single element, should split into different list elements',
    );
  });

  it('names an empty or missing file as kube does', () => {
    const empty = write('');
    expect(() => loadEncryptionConfig(empty)).to.throw(`error while parsing file: error while loading file: encryption provider configuration file "${empty}" is empty`);
    expect(() => loadEncryptionConfig(path.join(dir, 'nope.yaml'))).to.throw(
      /^error while parsing file: error while loading file: error reading encryption provider configuration file ".*nope.yaml"/,
    );
  });
});
