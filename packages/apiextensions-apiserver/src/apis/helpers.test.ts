import { expect } from 'chai';
import { compareKubeAwareVersions, deprecationWarningOf } from './helpers';
import type { CustomResourceDefinition } from './types';

describe('CRD version helpers', () => {
  it('orders versions as kube does: GA, beta, alpha, higher first, others last', () => {
    expect(['v1alpha1', 'foo', 'v2beta1', 'v1', 'v11alpha2', 'v2', 'v1beta2'].sort(compareKubeAwareVersions)).to.deep.equal([
      'v2',
      'v1',
      'v2beta1',
      'v1beta2',
      'v11alpha2',
      'v1alpha1',
      'foo',
    ]);
  });

  it('a deprecated version warns and names the preferred newer version', () => {
    const crd = {
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', kind: 'Widget' },
        versions: [
          { name: 'v1alpha1', served: true, storage: false, deprecated: true },
          { name: 'v1beta1', served: true, storage: false },
          { name: 'v1', served: true, storage: true },
          { name: 'v2', served: false, storage: false },
        ],
      },
    } as CustomResourceDefinition;
    expect(deprecationWarningOf(crd, crd.spec.versions[0])).to.equal('example.com/v1alpha1 Widget is deprecated; use example.com/v1 Widget');
    expect(deprecationWarningOf(crd, crd.spec.versions[1])).to.equal(undefined);
    expect(deprecationWarningOf(crd, { ...crd.spec.versions[0], deprecationWarning: 'gone soon' })).to.equal('gone soon');
  });
});
