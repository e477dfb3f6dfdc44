import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenAuthenticator } from '@kapi/apiserver-core';
import { buildRequestHeaderAuthenticator } from './request-header-authenticator';
import { buildTokenAuthenticator } from './token-authenticator';

const issuer = 'https://kubernetes.default.svc.cluster.local';

describe('building the token authenticators from the flags', () => {
  let dir: string;
  let tokenFile: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kapi-authn-build-'));
    tokenFile = join(dir, 'tokens.csv');
    writeFileSync(tokenFile, 'file-token,alice,1\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds nothing without token flags', () => {
    expect(buildTokenAuthenticator({ serviceAccountIssuer: issuer })).to.equal(undefined);
  });

  it('scopes the token file to the API audiences (the service account issuer by default)', async () => {
    const tokens = buildTokenAuthenticator({ serviceAccountIssuer: issuer, tokenAuthFile: tokenFile })!;
    expect(await tokens.authenticateToken('file-token', [issuer])).to.deep.equal({ user: { name: 'alice', uid: '1', groups: [] }, audiences: [issuer] });
    expect(await tokens.authenticateToken('file-token', ['vault'])).to.equal(null);
    const custom = buildTokenAuthenticator({ serviceAccountIssuer: issuer, apiAudiences: ['kapi'], tokenAuthFile: tokenFile })!;
    expect((await custom.authenticateToken('file-token', ['kapi']))?.audiences).to.deep.equal(['kapi']);
  });

  it('asks the service-account authenticator after the token file, and keeps its audiences', async () => {
    const seen: string[] = [];
    const serviceAccount: TokenAuthenticator = {
      authenticateToken: async (token) => (seen.push(token), token === 'sa-token' ? { user: { name: 'system:serviceaccount:default:x', groups: [] }, audiences: [issuer] } : null),
    };
    const tokens = buildTokenAuthenticator({ serviceAccountIssuer: issuer, tokenAuthFile: tokenFile }, { serviceAccount })!;
    expect((await tokens.authenticateToken('file-token', [issuer]))?.user.name).to.equal('alice');
    expect((await tokens.authenticateToken('sa-token', [issuer]))?.user.name).to.equal('system:serviceaccount:default:x');
    expect(seen).to.deep.equal(['sa-token']);
  });

  it("hands the token file's warnings to the caller", () => {
    writeFileSync(join(dir, 'dup.csv'), 't,a,1\nt,b,2\n');
    const warnings: string[] = [];
    buildTokenAuthenticator({ serviceAccountIssuer: issuer, tokenAuthFile: join(dir, 'dup.csv') }, { warn: (m) => warnings.push(m) });
    expect(warnings).to.deep.equal([`duplicate token has been found in token file '${join(dir, 'dup.csv')}', record number '2'`]);
  });

  it("stops start-up on a bad token file or OIDC flags with kube's messages", () => {
    writeFileSync(join(dir, 'bad.csv'), 'only,two\n');
    expect(() => buildTokenAuthenticator({ serviceAccountIssuer: issuer, tokenAuthFile: join(dir, 'bad.csv') })).to.throw(
      `invalid authentication config: token file '${join(dir, 'bad.csv')}' must have at least 3 columns (token, user name, user uid), found 2`,
    );
    expect(() => buildTokenAuthenticator({ serviceAccountIssuer: issuer, tokenAuthFile: join(dir, 'none.csv') })).to.throw(
      `invalid authentication config: open ${join(dir, 'none.csv')}: no such file or directory`,
    );
    expect(() => buildTokenAuthenticator({ serviceAccountIssuer: issuer, oidc: { issuerURL: 'https://idp.example' } })).to.throw(
      'oidc-issuer-url and oidc-client-id must be specified together',
    );
    expect(() => buildTokenAuthenticator({ serviceAccountIssuer: issuer, oidc: { issuerURL: 'http://idp.example', clientID: 'kapi' } })).to.throw('URL scheme must be https');
  });

  it('builds the front-proxy authenticator only with a client CA, and fails on an unreadable one', () => {
    expect(buildRequestHeaderAuthenticator({ usernameHeaders: ['X-Remote-User'] })).to.equal(undefined);
    expect(() => buildRequestHeaderAuthenticator({ clientCAFile: join(dir, 'none.crt') })).to.throw(
      `invalid authentication config: open ${join(dir, 'none.crt')}: no such file or directory`,
    );
    writeFileSync(join(dir, 'empty.crt'), 'not a certificate\n');
    expect(() => buildRequestHeaderAuthenticator({ clientCAFile: join(dir, 'empty.crt') })).to.throw(
      `invalid authentication config: error reading ${join(dir, 'empty.crt')}: data does not contain any valid RSA or ECDSA certificates`,
    );
  });
});
