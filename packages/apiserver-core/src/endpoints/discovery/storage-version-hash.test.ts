import { expect } from 'chai';
import { storageVersionHash } from './storage-version-hash';

describe('storageVersionHash', () => {
  // The values kube-apiserver 1.32 publishes (api/discovery/*.json of k8s.io/kubernetes v1.32).
  it('matches kube-apiserver for a core kind and a named-group kind', () => {
    expect(storageVersionHash({ group: '', version: 'v1', kind: 'Event' })).to.equal('r2yiGXH7wu8=');
    expect(storageVersionHash({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' })).to.equal('qwQve8ut294=');
  });
});
