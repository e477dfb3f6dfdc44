import { expect } from 'chai';
import { groupVersionPathOf } from './group-version-path';

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
