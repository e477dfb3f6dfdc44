import { expect } from 'chai';
import { cipherSuitesFromFlag, tlsVersionFromFlag } from './tls-options';

describe('TLS flags with Go names', () => {
  it('maps --tls-min-version and refuses what is not served', () => {
    expect(tlsVersionFromFlag('VersionTLS12')).to.equal('TLSv1.2');
    expect(tlsVersionFromFlag('VersionTLS13')).to.equal('TLSv1.3');
    expect(() => tlsVersionFromFlag('VersionTLS10')).to.throw('unsupported tls version "VersionTLS10": kapi serves TLS 1.2 or later');
    expect(() => tlsVersionFromFlag('TLS1.2')).to.throw('unknown tls version "TLS1.2"');
  });

  it('maps IANA cipher suite names to OpenSSL names, keeping the TLS 1.3 suites as Go does', () => {
    expect(cipherSuitesFromFlag([])).to.equal(undefined);
    expect(cipherSuitesFromFlag(['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256'])).to.equal(
      'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305',
    );
    expect(() => cipherSuitesFromFlag(['TLS_FOO'])).to.throw("Cipher suite TLS_FOO not supported or doesn't exist");
  });
});
