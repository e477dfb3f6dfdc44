import { expect } from 'chai';
import { FieldSet, pathString } from './field-set';

describe('FieldSet (FieldsV1)', () => {
  const fieldsV1 = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': {
      'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } },
      'f:finalizers': { 'v:"a"': {} },
    },
  };

  it('reads and writes FieldsV1 unchanged, "." marking a node that is itself a member', () => {
    const s = FieldSet.fromFieldsV1(fieldsV1);
    expect(s.has(['f:metadata', 'f:labels'])).to.equal(true);
    expect(s.has(['f:metadata'])).to.equal(false);
    expect(s.toFieldsV1()).to.deep.equal(fieldsV1);
  });

  it('prints paths as conflicts name them', () => {
    const paths = FieldSet.fromFieldsV1(fieldsV1).paths().map(pathString);
    expect(paths).to.include('.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].containerPort');
    expect(paths).to.include('.spec.finalizers[="a"]');
    expect(paths).to.include('.metadata.labels.app');
  });

  it('union, difference and intersection work path by path', () => {
    const a = FieldSet.of(['f:data', 'f:a'], ['f:data', 'f:b']);
    const b = FieldSet.of(['f:data', 'f:b'], ['f:data', 'f:c']);
    expect(a.union(b).toFieldsV1()).to.deep.equal({ 'f:data': { 'f:a': {}, 'f:b': {}, 'f:c': {} } });
    expect(a.difference(b).toFieldsV1()).to.deep.equal({ 'f:data': { 'f:a': {} } });
    expect(a.intersection(b).toFieldsV1()).to.deep.equal({ 'f:data': { 'f:b': {} } });
    expect(a.difference(a).empty()).to.equal(true);
  });

  it('orders field names before keys, values and indexes', () => {
    const s = FieldSet.of(['i:1'], ['v:2'], ['k:{"a":1}'], ['f:z'], ['f:a']);
    expect(Object.keys(s.toFieldsV1())).to.deep.equal(['f:a', 'f:z', 'k:{"a":1}', 'v:2', 'i:1']);
  });
});
