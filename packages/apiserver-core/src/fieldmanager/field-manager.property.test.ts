import { expect } from 'chai';
import fc from 'fast-check';
import { isStatusError } from '../api/errors';
import type { KObject } from '../runtime/object';
import { SchemaRegistry } from '../schema/schema-registry';
import { propertyRuns, thrownBy } from '../testing/property-runs';
import { FieldManager } from './field-manager';

const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
function manager(): FieldManager {
  const r = new SchemaRegistry();
  r.addBuiltin(gvk);
  return new FieldManager(r, gvk, r.schemaOfKind(gvk)!);
}

const word = fc.constantFrom('a', 'b', 'c', 'web', 'log');
const container = fc.record(
  {
    name: word,
    image: word,
    ports: fc.uniqueArray(fc.record({ containerPort: fc.integer({ min: 1, max: 4 }), protocol: fc.constantFrom('TCP', 'UDP') }), {
      selector: (p) => `${p.containerPort}/${p.protocol}`,
      maxLength: 2,
    }),
    env: fc.uniqueArray(fc.record({ name: word, value: word }), { selector: (e) => e.name, maxLength: 2 }),
  },
  { requiredKeys: ['name'] },
);
/** Apply configurations of a Deployment: maps, a list-map keyed by name, a list-map with a two-field key. */
const config = fc
  .record({
    labels: fc.dictionary(word, word, { maxKeys: 3 }),
    replicas: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    containers: fc.uniqueArray(container, { selector: (c) => c.name, maxLength: 3 }),
  })
  .map(({ labels, replicas, containers }) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'default', labels },
    spec: { ...(replicas === undefined ? {} : { replicas }), template: { spec: { containers } } },
  }));

/** managedFields without their timestamps, which differ between two applies a second apart. */
const withoutTimes = (o: KObject) => JSON.parse(JSON.stringify(o, (k, v) => (k === 'time' ? undefined : v)));

describe('field manager properties (fast-check)', () => {
  it('applying the same configuration twice changes nothing the second time', () => {
    fc.assert(
      fc.property(config, (cfg) => {
        const fm = manager();
        const once = fm.apply(undefined, cfg, 'kubectl', false);
        const twice = fm.apply(once, structuredClone(cfg), 'kubectl', false);
        expect(withoutTimes(twice)).to.deep.equal(withoutTimes(once));
      }),
      propertyRuns(200),
    );
  });

  it('two managers applying any configurations succeed or conflict (409), and a forced apply always succeeds', () => {
    fc.assert(
      fc.property(config, config, (first, second) => {
        const fm = manager();
        const live = fm.apply(undefined, first, 'alice', false);
        const err = thrownBy(() => fm.apply(live, second, 'bob', false));
        if (err !== undefined) {
          expect(isStatusError(err), String((err as Error)?.stack ?? err)).to.equal(true);
          expect((err as { code: number }).code).to.equal(409);
        }
        const forced = fm.apply(live, second, 'bob', true);
        expect(forced.spec).to.deep.include(second.spec.replicas === undefined ? {} : { replicas: second.spec.replicas });
      }),
      propertyRuns(200),
    );
  });

  it('any JSON as an apply configuration is applied or a clean 4xx StatusError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.tuple(config, fc.jsonValue({ maxDepth: 2 })).map(([c, spec]) => ({ ...c, spec })),
        ),
        (cfg) => {
          const err = thrownBy(() => manager().apply(undefined, cfg, 'kubectl', false));
          if (err !== undefined) {
            expect(isStatusError(err), String((err as Error)?.stack ?? err)).to.equal(true);
            expect((err as { code: number }).code).to.be.within(400, 499);
          }
        },
      ),
      propertyRuns(500),
    );
  });
});
