import { expect } from 'chai';
import type { KList, KObject } from './object';
import { dropRawJSON, rawJSONResponse, withRawJSON } from './raw-json';

const cm = (name: string): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, resourceVersion: '7' }, data: { a: 'ü "quoted"' } });
const cached = (name: string) => withRawJSON(JSON.parse(JSON.stringify(cm(name))) as KObject, JSON.stringify(cm(name)));

describe('raw JSON of cached objects', () => {
  it('answers an object with its cached bytes', () => {
    expect(rawJSONResponse(cached('a'))).to.equal(JSON.stringify(cm('a')));
  });

  it('splices cached items into the list envelope, byte-identical to encoding the list', () => {
    const list: KList = { apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: '9', continue: 'x' }, items: [cached('a'), cached('b')] };
    expect(rawJSONResponse(list)).to.equal(JSON.stringify(list));
    expect(JSON.parse(rawJSONResponse({ ...list, items: [] })!)).to.deep.equal({ ...list, items: [] });
  });

  it('gives up when any part lacks its bytes, was dropped, or lacks apiVersion/kind', () => {
    expect(rawJSONResponse(cm('plain'))).to.equal(undefined);
    const list: KList = { apiVersion: 'v1', kind: 'ConfigMapList', metadata: {}, items: [cached('a'), cm('b')] };
    expect(rawJSONResponse(list)).to.equal(undefined);
    const dropped = cached('c');
    dropRawJSON(dropped);
    expect(rawJSONResponse(dropped)).to.equal(undefined);
    const noKind = withRawJSON({ metadata: { name: 'x' } }, '{}');
    expect(rawJSONResponse(noKind)).to.equal(undefined);
  });

  it('is not copied by structuredClone or spread', () => {
    const obj = cached('a');
    expect(rawJSONResponse(structuredClone(obj))).to.equal(undefined);
    expect(rawJSONResponse({ ...obj })).to.equal(undefined);
  });
});
