import type { KObject } from '../../../runtime/object';
import type { Interface } from '../../interfaces';
import type { Attrs } from '../../selection-predicate';
import { Cacher, type CacherConfig } from '../cacher';

/** The custom resource the conformance suite stores (storage/testing/conformance.ts): databases of stable.example.com. */
const prefix = '/stable.example.com/databases';

export const customResourceKey = (obj: KObject): string => `${prefix}/${obj.metadata?.namespace}/${obj.metadata?.name}`;

/** evictHistoryThrough's filler for a custom resource cacher: writes the cache sees. */
export const customResourceFiller = (): KObject => ({
  apiVersion: 'stable.example.com/v1',
  kind: 'Database',
  metadata: { name: 'history-filler', namespace: 'zz-history-filler' },
  spec: {},
});

/**
 * A Cacher over custom resources as the CR handler builds one: keyed under /<group>/<plural>,
 * unstructured objects, selectable on name, namespace and — as a CRD's selectableFields would
 * make it — spec.nodeName, the field the suite selects on.
 */
export async function newCustomResourceCacher(storage: Interface, extra: Partial<CacherConfig> = {}): Promise<Cacher> {
  const cacher = new Cacher({
    storage,
    resourcePrefix: prefix,
    keyFunc: customResourceKey,
    newFunc: () => ({ apiVersion: 'stable.example.com/v1', kind: 'Database' }),
    getAttrs: (obj: KObject): Attrs => ({
      labels: obj.metadata?.labels,
      fields: {
        'metadata.name': obj.metadata?.name ?? '',
        'metadata.namespace': obj.metadata?.namespace ?? '',
        'spec.nodeName': (obj.spec as { nodeName?: string } | undefined)?.nodeName ?? '',
      },
    }),
    ...extra,
  });
  await cacher.waitReady();
  return cacher;
}
