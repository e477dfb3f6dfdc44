import { expect } from 'chai';
import { SchemaRegistry } from '../schema/schema-registry';
import { decodeAsGo } from './go-decoding';

describe('null list items and map values decode as Go zero values', () => {
  const schemas = new SchemaRegistry();
  schemas.add(
    { gvk: { group: '', version: 'v1', kind: 'ConfigMap' }, definition: 'io.k8s.api.core.v1.ConfigMap' },
    { gvk: { group: 'apps', version: 'v1', kind: 'Deployment' }, definition: 'io.k8s.api.apps.v1.Deployment' },
  );
  const decodeNullsAsGo = (obj: unknown, definition: string) => expect(decodeAsGo(obj, definition, schemas)).to.deep.equal({ unknown: [] });
  const configMap = 'io.k8s.api.core.v1.ConfigMap';
  const deployment = 'io.k8s.api.apps.v1.Deployment';

  it('turns a null container into an empty one and a null string item into ""', () => {
    const d = { spec: { template: { spec: { containers: [null, { name: 'a', args: ['x', null] }] } } } };
    decodeNullsAsGo(d, deployment);
    expect(d.spec.template.spec.containers).to.deep.equal([{}, { name: 'a', args: ['x', ''] }]);
  });

  it('turns a null map value into its zero value and keeps null fields', () => {
    const cm = { metadata: { labels: { a: null }, creationTimestamp: null }, data: { k: null, m: 'v' } };
    decodeNullsAsGo(cm, configMap);
    expect(cm).to.deep.equal({ metadata: { labels: { a: '' }, creationTimestamp: null }, data: { k: '', m: 'v' } });
  });
});
