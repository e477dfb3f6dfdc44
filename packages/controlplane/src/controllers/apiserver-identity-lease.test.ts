import { expect } from 'chai';
import { apiServerID } from './apiserver-identity-lease';

describe('apiserver identity', () => {
  // Expected values computed in Go as k8s.io/apiserver v0.32.4's server.NewConfig does (cryptobyte
  // length-prefixed host name and "kube-apiserver", sha256, base32.StdEncoding.WithPadding(base32.NoPadding)).
  it('is apiserver- and the lower-case unpadded base32 of the first 16 bytes of sha256(len|hostname|len|"kube-apiserver")', () => {
    expect(apiServerID('kapi-host')).to.equal('apiserver-vstai3qryl2h6axzdce5gwvnlu');
    expect(apiServerID('node-1.example.com')).to.equal('apiserver-iwnuvvk6ostz3iw72j5q3rbs5i');
    expect(apiServerID('')).to.equal('apiserver-2ikcnb3wory4bpirwz777r2iv4');
  });
});
