import { expect } from 'chai';
import { parseServerFlags, UsageError } from './flags';

describe('kapi server authentication flags', () => {
  it('leaves authentication unconfigured by default', () => {
    const { options } = parseServerFlags([]);
    expect(options).to.not.have.any.keys('tokenAuthFile', 'oidc', 'requestHeader');
    expect(options.apiAudiences).to.deep.equal([]);
  });

  it('reads --api-audiences and --token-auth-file', () => {
    const { options } = parseServerFlags(['--api-audiences', 'a,b', '--api-audiences=c', '--token-auth-file', '/etc/kapi/tokens.csv']);
    expect(options.apiAudiences).to.deep.equal(['a', 'b', 'c']);
    expect(options.tokenAuthFile).to.equal('/etc/kapi/tokens.csv');
  });

  it('reads the --oidc-* flags, required claims as key=value and algorithms as a list', () => {
    const { options } = parseServerFlags([
      '--oidc-issuer-url=https://issuer.example',
      '--oidc-client-id',
      'kapi',
      '--oidc-ca-file',
      '/ca.pem',
      '--oidc-username-claim=email',
      '--oidc-username-prefix=-',
      '--oidc-groups-claim',
      'groups',
      '--oidc-groups-prefix',
      'oidc:',
      '--oidc-required-claim',
      'tenant=a',
      '--oidc-required-claim',
      'env=prod=1',
      '--oidc-signing-algs',
      'RS256,ES256',
    ]);
    expect(options.oidc).to.deep.equal({
      issuerURL: 'https://issuer.example',
      clientID: 'kapi',
      caFile: '/ca.pem',
      usernameClaim: 'email',
      usernamePrefix: '-',
      groupsClaim: 'groups',
      groupsPrefix: 'oidc:',
      requiredClaims: { tenant: 'a', env: 'prod=1' },
      signingAlgs: ['RS256', 'ES256'],
    });
    expect(() => parseServerFlags(['--oidc-required-claim', 'tenant'])).to.throw(UsageError, 'malformed pair, expect string=string');
  });

  it('reads the --requestheader-* flags as lists', () => {
    const { options } = parseServerFlags([
      '--requestheader-client-ca-file',
      '/front-proxy-ca.crt',
      '--requestheader-allowed-names',
      'front-proxy-client,aggregator',
      '--requestheader-username-headers',
      'X-Remote-User',
      '--requestheader-uid-headers',
      'X-Remote-Uid',
      '--requestheader-group-headers',
      'X-Remote-Group',
      '--requestheader-extra-headers-prefix',
      'X-Remote-Extra-',
    ]);
    expect(options.requestHeader).to.deep.equal({
      clientCAFile: '/front-proxy-ca.crt',
      allowedNames: ['front-proxy-client', 'aggregator'],
      usernameHeaders: ['X-Remote-User'],
      uidHeaders: ['X-Remote-Uid'],
      groupHeaders: ['X-Remote-Group'],
      extraHeaderPrefixes: ['X-Remote-Extra-'],
    });
  });
});
