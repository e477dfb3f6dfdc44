import { expect } from 'chai';
import { SchemaRegistry } from '../schema/schema-registry';
import type { RequestScope } from '../endpoints/handlers/request-scope';
import type { StatusError } from '../api/errors';
import { applyStrategicMergePatch } from './strategic-merge-applier';
import { strategicMergePatch } from './strategic-merge';
import type { J } from '../util/loose-json';

/** Cases from the strategic merge patch design doc, on real built-in schemas (Pod, Deployment). */
describe('strategic merge patch', () => {
  const schemas = new SchemaRegistry();
  schemas.add(
    { gvk: { group: '', version: 'v1', kind: 'Pod' }, definition: 'io.k8s.api.core.v1.Pod' },
    {
      gvk: { group: 'apps', version: 'v1', kind: 'Deployment' },
      definition: 'io.k8s.api.apps.v1.Deployment',
      extensions: { 'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { 'x-kubernetes-patch-strategy': 'retainKeys' } } },
    },
  );
  const pod = schemas.schemaOfKind({ group: '', version: 'v1', kind: 'Pod' })!;
  const deployment = schemas.schemaOfKind({ group: 'apps', version: 'v1', kind: 'Deployment' })!;
  const smp = (original: object, patch: unknown, root = pod) => strategicMergePatch(original as Record<string, unknown>, patch, schemas, root);

  const base = {
    metadata: { name: 'p', labels: { a: '1', b: '2' }, finalizers: ['x', 'y'] },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.25',
          args: ['-a', '-b'],
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
        { name: 'log', image: 'busybox' },
      ],
    },
  };

  it('merges maps and deletes a key patched to null', () => {
    const out = smp(base, { metadata: { labels: { b: null, c: '3' } } });
    expect((out.metadata as J).labels).to.deep.equal({ a: '1', c: '3' });
  });

  it('merges a list of maps by its patch merge key, keeping elements the patch does not name', () => {
    const out = smp(base, {
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.26' },
          { name: 'new', image: 'alpine' },
        ],
      },
    }) as J;
    expect(out.spec.containers.map((c: J) => `${c.name}=${c.image}`)).to.deep.equal(['nginx=nginx:1.26', 'log=busybox', 'new=alpine']);
    expect(out.spec.containers[0].env).to.deep.equal(base.spec.containers[0].env);
  });

  it('merges nested merge-key lists (env by name inside containers by name)', () => {
    const out = smp(base, {
      spec: {
        containers: [
          {
            name: 'nginx',
            env: [
              { name: 'B', value: 'two' },
              { name: 'C', value: '3' },
            ],
          },
        ],
      },
    }) as J;
    expect(out.spec.containers[0].env).to.deep.equal([
      { name: 'A', value: '1' },
      { name: 'B', value: 'two' },
      { name: 'C', value: '3' },
    ]);
  });

  it('replaces a list without a merge strategy (args)', () => {
    const out = smp(base, { spec: { containers: [{ name: 'nginx', args: ['-c'] }] } }) as J;
    expect(out.spec.containers[0].args).to.deep.equal(['-c']);
  });

  it('$patch: delete removes the list element with that key', () => {
    const out = smp(base, { spec: { containers: [{ name: 'log', $patch: 'delete' }] } }) as J;
    expect(out.spec.containers.map((c: J) => c.name)).to.deep.equal(['nginx']);
  });

  it('$patch: replace as a list element replaces the whole list', () => {
    const out = smp(base, { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } }) as J;
    expect(out.spec.containers).to.deep.equal([{ name: 'only', image: 'x' }]);
  });

  it('$patch: replace in a map replaces the map instead of merging it', () => {
    const out = smp(base, { metadata: { labels: { $patch: 'replace', z: '26' } } }) as J;
    expect(out.metadata.labels).to.deep.equal({ z: '26' });
  });

  it('$patch: delete in a map deletes the map', () => {
    const out = smp(base, { metadata: { labels: { $patch: 'delete' } } }) as J;
    expect(out.metadata).to.not.have.property('labels');
  });

  it('$patch: merge is the default behaviour', () => {
    const out = smp(base, { metadata: { labels: { $patch: 'merge', c: '3' } } }) as J;
    expect(out.metadata.labels).to.deep.equal({ a: '1', b: '2', c: '3' });
  });

  it('an unknown $patch value is a 400', () => {
    expect(() => smp(base, { metadata: { labels: { $patch: 'explode' } } }))
      .to.throw()
      .with.property('code', 400);
  });

  it('merges a primitive list with strategy merge as a set (finalizers)', () => {
    const out = smp(base, { metadata: { finalizers: ['y', 'z'] } }) as J;
    expect(out.metadata.finalizers).to.deep.equal(['x', 'y', 'z']);
  });

  it('$deleteFromPrimitiveList removes values from a merged primitive list', () => {
    const out = smp(base, { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }) as J;
    expect(out.metadata.finalizers).to.deep.equal(['y']);
  });

  it('$setElementOrder orders the merged list, server-only elements keep their place', () => {
    const original = { spec: { containers: [{ name: 'a' }, { name: 'server-only' }, { name: 'b' }] } };
    const out = smp(original, { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'a', image: 'i' }] } }) as J;
    expect(out.spec.containers.map((c: J) => c.name)).to.deep.equal(['b', 'server-only', 'a']);
    expect(out.spec.containers[2].image).to.equal('i');
  });

  it('$setElementOrder reorders a primitive list', () => {
    const out = smp(base, { metadata: { '$setElementOrder/finalizers': ['y', 'x'] } }) as J;
    expect(out.metadata.finalizers).to.deep.equal(['y', 'x']);
  });

  it('$retainKeys drops the fields it does not list (switching deployment strategy type)', () => {
    const original = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const out = smp(original, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, deployment) as J;
    expect(out.spec.strategy).to.deep.equal({ type: 'Recreate' });
  });

  it('$retainKeys refuses a patch field it does not retain', () => {
    expect(() => smp({}, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, deployment)).to.throw(/retainKeys/);
  });

  it('merges the pod template of a deployment through the shared PodSpec definition', () => {
    const original = {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: '1' },
              { name: 'b', image: '1' },
            ],
          },
        },
      },
    };
    const out = smp(original, { spec: { template: { spec: { containers: [{ name: 'b', image: '2' }] } } } }, deployment) as J;
    expect(out.spec.template.spec.containers).to.deep.equal([
      { name: 'a', image: '1' },
      { name: 'b', image: '2' },
    ]);
  });

  it('a list element without its merge key is a 400', () => {
    expect(() => smp(base, { spec: { containers: [{ image: 'x' }] } })).to.throw(/merge key: name/);
  });

  it('does not modify the original object', () => {
    const original = structuredClone(base);
    smp(original, { spec: { containers: [{ name: 'nginx', image: 'changed' }] } });
    expect(original).to.deep.equal(base);
  });

  it('answers 415 for a kind without a schema, as kube-apiserver does for custom resources', () => {
    const scope = { kind: { group: 'example.com', version: 'v1', kind: 'Widget' } } as RequestScope;
    let err: StatusError | undefined;
    try {
      applyStrategicMergePatch({ metadata: { name: 'w' } }, { spec: {} }, scope);
    } catch (e) {
      err = e as StatusError;
    }
    expect(err?.code).to.equal(415);
  });
});
