import { expect } from 'chai';
import { evaluateJSONPath, parseSimpleJSONPath, setAtJSONPath } from './jsonpath';

describe('printer column JSONPath', () => {
  const obj = {
    spec: { replicas: 3 },
    status: {
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'Synced', status: 'False' },
      ],
    },
  };

  it('follows keys, indices and equality filters', () => {
    expect(evaluateJSONPath(obj, '.spec.replicas')).to.deep.equal([3]);
    expect(evaluateJSONPath(obj, '.status.conditions[1].type')).to.deep.equal(['Synced']);
    expect(evaluateJSONPath(obj, '.status.conditions[?(@.type=="Ready")].status')).to.deep.equal(['True']);
    expect(evaluateJSONPath(obj, '.spec.missing')).to.deep.equal([]);
  });

  it('refuses what is not a simple path', () => {
    expect(parseSimpleJSONPath('spec.replicas')).to.equal(undefined);
    expect(parseSimpleJSONPath('.spec..x')).to.equal(undefined);
  });

  it('sets a value along keys, creating the objects on the way', () => {
    const o: Record<string, unknown> = {};
    expect(setAtJSONPath(o, '.spec.scale.replicas', 2)).to.equal(true);
    expect(o).to.deep.equal({ spec: { scale: { replicas: 2 } } });
  });
});
