import { expect } from 'chai';
import { byResource, groupVersionPathOf, resourcePathsOf } from './group-version-path';

describe('groupVersionPathOf', () => {
  it('takes /api/<version> and /apis/<group>/<version> off resource paths', () => {
    expect(groupVersionPathOf('/api/v1/namespaces/default/configmaps/x')).to.equal('/api/v1');
    expect(groupVersionPathOf('/api/v1/nodes')).to.equal('/api/v1');
    expect(groupVersionPathOf('/apis/apps/v1/namespaces/ns/deployments/d/scale')).to.equal('/apis/apps/v1');
    expect(groupVersionPathOf('/apis/rbac.authorization.k8s.io/v1/clusterroles')).to.equal('/apis/rbac.authorization.k8s.io/v1');
  });

  it('answers the group-version path itself, and "" for paths that name no version', () => {
    expect(groupVersionPathOf('/api/v1')).to.equal('/api/v1');
    expect(groupVersionPathOf('/apis/apps/v1')).to.equal('/apis/apps/v1');
    expect(groupVersionPathOf('/apis/apps')).to.equal('');
    expect(groupVersionPathOf('/apis')).to.equal('');
    expect(groupVersionPathOf('/api')).to.equal('');
    expect(groupVersionPathOf('/healthz')).to.equal('');
    expect(groupVersionPathOf('/apiz/v1/x')).to.equal('');
  });
});

describe('resourcePathsOf', () => {
  it('names the resource of collection, item, subresource and watch paths, namespaced or not', () => {
    expect(resourcePathsOf('/api/v1/namespaces/ns/configmaps')).to.deep.equal(['/api/v1/configmaps', '/api/v1/namespaces']);
    expect(resourcePathsOf('/api/v1/namespaces/ns/pods/p/status')).to.deep.equal(['/api/v1/pods', '/api/v1/namespaces']);
    expect(resourcePathsOf('/api/v1/configmaps')).to.deep.equal(['/api/v1/configmaps', '']);
    expect(resourcePathsOf('/api/v1/nodes/n/proxy/metrics')).to.deep.equal(['/api/v1/nodes', '']);
    expect(resourcePathsOf('/apis/apps/v1/namespaces/ns/deployments/d/scale')).to.deep.equal(['/apis/apps/v1/deployments', '/apis/apps/v1/namespaces']);
    expect(resourcePathsOf('/api/v1/watch/namespaces/ns/configmaps/c')).to.deep.equal(['/api/v1/configmaps', '/api/v1/namespaces']);
    expect(resourcePathsOf('/apis/rbac.authorization.k8s.io/v1/watch/clusterroles')).to.deep.equal(['/apis/rbac.authorization.k8s.io/v1/clusterroles', '']);
  });

  it('sends a namespace and its own subresources to the namespaces router, the fallback of "namespaces/<name>/<sub>"', () => {
    expect(resourcePathsOf('/api/v1/namespaces')).to.deep.equal(['/api/v1/namespaces', '']);
    expect(resourcePathsOf('/api/v1/namespaces/ns')).to.deep.equal(['/api/v1/namespaces', '']);
    expect(resourcePathsOf('/api/v1/namespaces/ns/finalize')).to.deep.equal(['/api/v1/finalize', '/api/v1/namespaces']);
    expect(resourcePathsOf('/api/v1/watch/namespaces/ns')).to.deep.equal(['/api/v1/namespaces', '']);
  });

  it('answers nothing outside /api and /apis', () => {
    expect(resourcePathsOf('/healthz')).to.deep.equal(['', '']);
    expect(resourcePathsOf('/apis/apps')).to.deep.equal(['', '']);
  });
});

describe('byResource', () => {
  it('groups subresources with their resource, in path order', () => {
    const split = byResource({ 'pods/status': 2, podtemplates: 3, pods: 1, 'pods/binding': 4 });
    expect(Object.keys(split)).to.deep.equal(['pods', 'podtemplates']);
    expect(split.pods).to.deep.equal({ pods: 1, 'pods/binding': 4, 'pods/status': 2 });
  });
});
