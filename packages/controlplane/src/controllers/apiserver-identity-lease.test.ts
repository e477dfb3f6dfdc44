import { expect } from 'chai';
import { apiServerID } from './apiserver-identity-lease';

describe('apiserver identity', () => {
  // Expected values computed with Go's sha256 and base32.StdEncoding.WithPadding(base32.NoPadding), as kube-apiserver names its Lease.
  it('is kube-apiserver- and the lower-case unpadded base32 of the first 16 bytes of sha256(hostname)', () => {
    expect(apiServerID('kapi-host')).to.equal('kube-apiserver-podx3gpbbkw4uvkvjx2trk3fqu');
    expect(apiServerID('node-1.example.com')).to.equal('kube-apiserver-aurent4rbcatxyd63im2m5qmsm');
    expect(apiServerID('')).to.equal('kube-apiserver-4oymiquy7qobjgx36tejs35zeq');
  });
});
