import { expect } from 'chai';
import { isStatusError } from '../api/errors';
import type { KObject } from '../runtime/object';
import { field, Path } from '../validation/field';
import { beforeCreate, generateName } from './create';
import { DefaultStrategy } from './default-strategy';
import { beforeUpdate } from './update';

class WidgetStrategy extends DefaultStrategy {
  readonly kind = { group: 'example.dev', version: 'v1', kind: 'Widget' };
  namespaceScoped() {
    return true;
  }
  override prepareForCreate(_ctx: unknown, obj: KObject) {
    delete obj.status;
  }
  override validate(_ctx: unknown, obj: KObject) {
    return (obj.spec as { size?: number })?.size! < 0 ? [field.invalid(Path.root('spec').child('size'), (obj.spec as { size: number }).size, 'must be >= 0')] : [];
  }
}

const strategy = new WidgetStrategy();
const widget = (meta: Record<string, unknown>, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'example.dev/v1',
  kind: 'Widget',
  metadata: meta,
  spec,
  status: { ok: true },
});

function invalidFields(fn: () => void): string[] {
  try {
    fn();
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return err.details!.causes!.map((c) => c.field!);
    throw err;
  }
  throw new Error('expected 422 Invalid');
}

describe('rest.BeforeCreate', () => {
  it('fills uid, creationTimestamp and the request namespace, and runs the strategy', () => {
    const obj = widget({ name: 'a' });
    beforeCreate(strategy, { namespace: 'ns' }, obj);
    expect(obj.metadata!.uid).to.match(/^[0-9a-f-]{36}$/);
    expect(obj.metadata!.creationTimestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(obj.metadata!.namespace).to.equal('ns');
    expect(obj.status).to.equal(undefined);
  });

  it('refuses a body namespace that differs from the request namespace', () => {
    try {
      beforeCreate(strategy, { namespace: 'ns' }, widget({ name: 'a', namespace: 'other' }));
      expect.fail('expected BadRequest');
    } catch (err) {
      expect(isStatusError(err) && err.code).to.equal(400);
      expect((err as Error).message).to.equal('the namespace of the provided object does not match the namespace sent on the request');
    }
  });

  it('generates a name from generateName', () => {
    const obj = widget({ generateName: 'web-' });
    beforeCreate(strategy, { namespace: 'ns' }, obj);
    expect(obj.metadata!.name).to.match(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generateName('x'.repeat(70))).to.have.length(63);
  });

  it('reports every invalid field in one 422, object meta and strategy alike', () => {
    const fields = invalidFields(() => beforeCreate(strategy, { namespace: 'ns' }, widget({ name: 'Bad_Name', labels: { 'a b': 'c' } }, { size: -1 })));
    expect(fields).to.have.members(['metadata.name', 'metadata.labels', 'spec.size']);
  });

  it('requires a name or generateName', () => {
    expect(invalidFields(() => beforeCreate(strategy, { namespace: 'ns' }, widget({})))).to.deep.equal(['metadata.name']);
  });

  it('clears a client-set deletionTimestamp', () => {
    const obj = widget({ name: 'a', deletionTimestamp: '2020-01-01T00:00:00Z' });
    beforeCreate(strategy, { namespace: 'ns' }, obj);
    expect(obj.metadata!.deletionTimestamp).to.equal(undefined);
  });
});

describe('rest.BeforeUpdate', () => {
  const stored = () => {
    const obj = widget({ name: 'a', generation: 3 });
    beforeCreate(strategy, { namespace: 'ns' }, obj);
    return obj;
  };

  it('keeps uid, creationTimestamp and generation from the stored object', () => {
    const old = stored();
    const obj = widget({ name: 'a', namespace: 'ns', generation: 99, creationTimestamp: '1999-01-01T00:00:00Z' });
    beforeUpdate(strategy, { namespace: 'ns' }, obj, old);
    expect(obj.metadata!.uid).to.equal(old.metadata!.uid);
    expect(obj.metadata!.creationTimestamp).to.equal(old.metadata!.creationTimestamp);
    expect(obj.metadata!.generation).to.equal(old.metadata!.generation);
  });

  it('refuses a changed uid as immutable', () => {
    const old = stored();
    const fields = invalidFields(() => beforeUpdate(strategy, { namespace: 'ns' }, widget({ name: 'a', namespace: 'ns', uid: 'other' }), old));
    expect(fields).to.deep.equal(['metadata.uid']);
  });
});
