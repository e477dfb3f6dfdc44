import { expect } from 'chai';
import { aggregatedDiscovery, negotiateAggregated } from './aggregated';
import { DiscoveryState } from './discovery';

describe('aggregated discovery', () => {
  const state = new DiscoveryState();
  state.addGroupVersion({ group: '', version: 'v1' }, [
    { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['create', 'get', 'list'], shortNames: ['cm'] },
  ]);
  state.addGroupVersion({ group: 'apps', version: 'v1' }, [
    { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get', 'list'], shortNames: ['deploy'], categories: ['all'] },
    { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
    { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
  ]);

  it('answers only when the Accept header asks for an APIGroupDiscoveryList first', () => {
    const kubectl =
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    expect(negotiateAggregated(kubectl)).to.equal('v2');
    expect(negotiateAggregated('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList')).to.equal('v2beta1');
    expect(negotiateAggregated('application/json')).to.equal(undefined);
    expect(negotiateAggregated(undefined)).to.equal(undefined);
  });

  it('lists the legacy group at /api with scope, short names and response kind', () => {
    const doc = aggregatedDiscovery(state, true, 'apidiscovery.k8s.io/v2');
    expect(doc.items).to.have.length(1);
    expect(doc.items[0].versions[0].resources[0]).to.deep.equal({
      resource: 'configmaps',
      responseKind: { group: '', version: 'v1', kind: 'ConfigMap' },
      scope: 'Namespaced',
      singularResource: 'configmap',
      verbs: ['create', 'get', 'list'],
      shortNames: ['cm'],
    });
  });

  it('folds subresources under their resource, with their own response kind', () => {
    const doc = aggregatedDiscovery(state, false, 'apidiscovery.k8s.io/v2');
    expect(doc.items[0].metadata.name).to.equal('apps');
    const deployments = doc.items[0].versions[0].resources[0];
    expect(deployments.categories).to.deep.equal(['all']);
    expect(deployments.subresources).to.deep.equal([
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
    ]);
  });
});
