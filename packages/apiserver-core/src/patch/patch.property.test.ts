import { expect } from 'chai';
import fc from 'fast-check';
import { isStatusError } from '../api/errors';
import { patchAppliers } from '../endpoints/handlers/patch';
import type { RequestScope } from '../endpoints/handlers/request-scope';
import type { KObject } from '../runtime/object';
import { SchemaRegistry } from '../schema/schema-registry';
import { propertyRuns, thrownBy } from '../testing/property-runs';
import { semanticEqual } from '../api/equality/semantic';
import { isMap, setMember, type JSONMap } from './json';
import { strategicMergePatch } from './strategic-merge';

const key = fc.oneof(fc.constantFrom('a', 'b', 'metadata', 'spec', '__proto__', 'constructor', 'toString', ''), fc.string({ maxLength: 4 }));
/** JSON without null, which a merge patch cannot set (null deletes). */
const nonNull: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean()),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const doc = fc.dictionary(key, nonNull, { maxKeys: 5 }) as fc.Arbitrary<KObject>;
const scope = {} as RequestScope;
const mergePatch = patchAppliers.get('application/merge-patch+json')!;
const jsonPatch = patchAppliers.get('application/json-patch+json')!;

/** The merge patch that turns source into target (RFC 7386 section 3, the other way round). */
function mergeDiff(source: JSONMap, target: JSONMap): JSONMap {
  const diff: JSONMap = {};
  const has = (m: JSONMap, k: string) => Object.prototype.hasOwnProperty.call(m, k);
  for (const k of Object.keys(source)) if (!has(target, k)) setMember(diff, k, null);
  for (const [k, v] of Object.entries(target)) {
    if (has(source, k) && isMap(source[k]) && isMap(v)) {
      const inner = mergeDiff(source[k] as JSONMap, v);
      if (Object.keys(inner).length > 0) setMember(diff, k, inner);
    } else if (!has(source, k) || !semanticEqual(source[k], v)) setMember(diff, k, v);
  }
  return diff;
}

/** JSON.parse makes `__proto__` an own key, as a request body has it; the generators must too. */
const asParsed = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('JSON merge patch properties (fast-check, RFC 7386)', () => {
  it('applying the diff of two documents to the first gives the second', () => {
    fc.assert(
      fc.property(doc, doc, (source, target) => {
        const [s, t] = [asParsed(source), asParsed(target)];
        const diff = mergeDiff(s, t);
        expect(semanticEqual(mergePatch(s, diff, scope), t), JSON.stringify({ s, t, diff })).to.equal(true);
      }),
      propertyRuns(500),
    );
  });

  it('a merge patch is idempotent and leaves its input untouched', () => {
    fc.assert(
      fc.property(doc, fc.dictionary(key, fc.oneof(nonNull, fc.constant(null)), { maxKeys: 4 }), (source, patch) => {
        const [s, p] = [asParsed(source), asParsed(patch)];
        const before = JSON.stringify(s);
        const once = mergePatch(s, p, scope);
        expect(JSON.stringify(s)).to.equal(before);
        expect(semanticEqual(mergePatch(once, p, scope), once)).to.equal(true);
      }),
      propertyRuns(500),
    );
  });

  it('a __proto__ key in the patch is data, kept as an own key (was lost to the prototype)', () => {
    const out = mergePatch({ a: 1 } as KObject, JSON.parse('{"__proto__":{"x":1}}'), scope) as Record<string, unknown>;
    expect(Object.keys(out)).to.deep.equal(['a', '__proto__']);
    expect(Object.getPrototypeOf(out)).to.equal(Object.prototype);
  });
});

const pointer = fc
  .array(fc.oneof(key, fc.constantFrom('0', '1', '-', '~0', '~1', '__proto__', 'toString', 'hasOwnProperty')), { maxLength: 3 })
  .map((parts) => (parts.length ? `/${parts.join('/')}` : ''));
const operation = fc.record(
  {
    op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), fc.string({ maxLength: 3 })),
    path: fc.oneof(pointer, fc.string({ maxLength: 4 }), fc.constant(undefined)),
    from: fc.oneof(pointer, fc.constant(undefined)),
    value: fc.oneof(nonNull, fc.constant(null)),
  },
  { requiredKeys: ['op'] },
);

describe('JSON patch properties (fast-check)', () => {
  it('any list of operations on any document applies or is a clean 4xx StatusError, never a TypeError', () => {
    const builtins = [Object, Object.prototype, Function.prototype, Array.prototype].map((o) => Object.getOwnPropertyNames(o).join());
    fc.assert(
      fc.property(doc, fc.array(fc.oneof(operation, nonNull), { maxLength: 5 }), (d, ops) => {
        const err = thrownBy(() => jsonPatch(asParsed(d), asParsed(ops), scope));
        expect([Object, Object.prototype, Function.prototype, Array.prototype].map((o) => Object.getOwnPropertyNames(o).join())).to.deep.equal(builtins);
        if (err !== undefined) {
          expect(isStatusError(err), String((err as Error)?.stack ?? err)).to.equal(true);
          expect((err as { code: number }).code).to.be.within(400, 499);
        }
      }),
      propertyRuns(1000),
    );
  });

  it('a pointer never reaches inherited members: move from /toString is a 422 and nothing global changes', () => {
    const toString = Object.prototype.toString;
    const err = thrownBy(() =>
      jsonPatch(
        { a: 1 } as KObject,
        [
          { op: 'move', from: '/toString', path: '/y' },
          { op: 'add', path: '/y/polluted', value: 1 },
        ],
        scope,
      ),
    );
    expect((err as { code: number }).code).to.equal(422);
    expect(Object.prototype.toString).to.equal(toString);
    expect((toString as unknown as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('replacing a member that exists sets it, and a test of it then passes', () => {
    fc.assert(
      fc.property(
        doc.filter((d) => Object.keys(d).some((k) => k !== '__proto__')),
        nonNull,
        (d, value) => {
          // fast-json-patch refuses a path through __proto__ (a clean 422; kube would apply it).
          const k = Object.keys(d).find((x) => x !== '__proto__')!;
          const path = `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          const out = jsonPatch(
            asParsed(d),
            asParsed([
              { op: 'replace', path, value },
              { op: 'test', path, value },
            ]),
            scope,
          ) as Record<string, unknown>;
          expect(semanticEqual(out[k], value)).to.equal(true);
        },
      ),
      propertyRuns(300),
    );
  });
});

describe('strategic merge patch properties (fast-check, Pod)', () => {
  const schemas = new SchemaRegistry();
  schemas.add({ gvk: { group: '', version: 'v1', kind: 'Pod' }, definition: 'io.k8s.api.core.v1.Pod' });
  const pod = schemas.schemaOfKind({ group: '', version: 'v1', kind: 'Pod' })!;
  const word = fc.constantFrom('a', 'b', 'c', 'nginx', 'log');
  const env = fc.uniqueArray(fc.record({ name: word, value: word }, { requiredKeys: ['name'] }), { selector: (e) => e.name, maxLength: 3 });
  const container = fc.record({ name: word, image: word, args: fc.array(word, { maxLength: 2 }), env }, { requiredKeys: ['name'] });
  const podDoc = fc.record(
    {
      metadata: fc.record({ labels: fc.dictionary(word, word, { maxKeys: 3 }), finalizers: fc.uniqueArray(word, { maxLength: 3 }) }, { requiredKeys: [] }),
      spec: fc.record({ containers: fc.uniqueArray(container, { selector: (c) => c.name, maxLength: 3 }) }),
    },
    { requiredKeys: [] },
  );
  const objectPrototypeNames = Object.getOwnPropertyNames(Object.prototype).join();
  const smp = (o: unknown, p: unknown) => strategicMergePatch(o as Record<string, unknown>, p, schemas, pod);

  it('patches on list-map keyed objects apply without error and are idempotent', () => {
    fc.assert(
      fc.property(podDoc, podDoc, (original, patch) => {
        const once = smp(asParsed(original), asParsed(patch));
        expect(smp(asParsed(once), asParsed(patch))).to.deep.equal(once);
      }),
      propertyRuns(500),
    );
  });

  it('a __proto__ key in a replaced list element is data (was a 500 TypeError)', () => {
    const out = smp({}, JSON.parse('{"x":[{"__proto__":{"__proto__":{}}}]}')) as { x: Record<string, unknown>[] };
    expect(Object.keys(out.x[0])).to.deep.equal(['__proto__']);
    expect(JSON.stringify(out)).to.equal('{"x":[{"__proto__":{"__proto__":{}}}]}');
  });

  it('a patch under __proto__ or constructor merges into the document, never into Object.prototype (was global pollution)', () => {
    const out = smp({}, JSON.parse('{"__proto__":{"polluted":1},"constructor":{"polluted":2}}'));
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect((Object as unknown as Record<string, unknown>).polluted).to.equal(undefined);
    expect(JSON.stringify(out)).to.equal('{"__proto__":{"polluted":1},"constructor":{"polluted":2}}');
  });

  it('an arbitrary JSON patch body applies or is a clean 4xx StatusError', () => {
    fc.assert(
      fc.property(podDoc, fc.oneof(podDoc, doc, fc.jsonValue({ maxDepth: 3 })), (original, patch) => {
        const err = thrownBy(() => smp(asParsed(original), asParsed(patch)));
        expect(Object.getOwnPropertyNames(Object.prototype).join()).to.equal(objectPrototypeNames);
        if (err !== undefined) {
          expect(isStatusError(err), String((err as Error)?.stack ?? err)).to.equal(true);
          expect((err as { code: number }).code).to.be.within(400, 499);
        }
      }),
      propertyRuns(1000),
    );
  });
});
