import { expect } from 'chai';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { TestPKI } from '../../testing/pki';
import { OIDCAuthenticator } from './oidc';
import { oidcOptionsFrom, validateOIDCFlags, type OIDCFlags } from './options';

const loadJose = () => import('jose');
type JoseModule = Awaited<ReturnType<typeof loadJose>>;
type SigningKey = KeyObject;
const newKey = (type: 'rsa' | 'ec') => generateKeyPairSync(type as 'rsa', type === 'rsa' ? { modulusLength: 2048 } : ({ namedCurve: 'P-256' } as never)).privateKey;

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a rejection');
}

/**
 * An OIDC issuer run by the test over real HTTPS: the discovery document and a JWKS whose keys
 * the test can rotate. Tokens are signed with jose.
 */
describe('OIDC token authenticator against an HTTPS issuer', function () {
  this.timeout(30_000);
  const pki = new TestPKI();
  let jose: JoseModule;
  let server: Server;
  let issuer: string;
  let ca: string;
  let key: SigningKey;
  let otherKey: SigningKey;
  let published: Array<Record<string, unknown>>;
  let jwksFetches = 0;
  let publicJWK: (k: SigningKey, kid: string) => Promise<Record<string, unknown>>;

  const sign = (claims: Record<string, unknown>, opts: { key?: SigningKey; kid?: string; alg?: string } = {}) =>
    new jose.SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? 'k1' }).sign(opts.key ?? key);
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({ iss: issuer, aud: 'kapi', sub: '1234', exp: now() + 600, iat: now(), ...extra });
  const authenticator = (flags: Partial<OIDCFlags> = {}) => new OIDCAuthenticator(oidcOptionsFrom({ issuerURL: issuer, clientID: 'kapi', ...flags }, ca));

  before(async () => {
    jose = await loadJose();
    const servingCA = pki.newCA('oidc-ca');
    ca = servingCA.cert;
    const serving = pki.issue(servingCA, { cn: 'issuer', usages: ['serverAuth'], ips: ['127.0.0.1'] });
    key = newKey('rsa');
    otherKey = newKey('rsa');
    publicJWK = async (k, kid) => ({ ...(await jose.exportJWK(createPublicKey(k))), kid, alg: 'RS256', use: 'sig' });
    published = [await publicJWK(key, 'k1')];
    server = createServer(serving, (req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
      else if (req.url === '/keys') jwksFetches++, res.end(JSON.stringify({ keys: published }));
      else (res.statusCode = 404), res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server?.close();
    pki.dispose();
  });

  it('accepts a valid ID token; the username is "<issuer>#<sub>" by default', async () => {
    const resp = await authenticator().authenticateToken(await sign(claims()));
    expect(resp).to.deep.equal({ user: { name: `${issuer}#1234`, groups: [] } });
  });

  it('applies --oidc-username-prefix, --oidc-groups-claim and --oidc-groups-prefix ("-" disables the username prefix)', async () => {
    const token = await sign(claims({ groups: ['admins', 'devs'] }));
    expect((await authenticator({ usernamePrefix: 'oidc:', groupsClaim: 'groups', groupsPrefix: 'oidc:' }).authenticateToken(token))?.user).to.deep.equal({
      name: 'oidc:1234',
      groups: ['oidc:admins', 'oidc:devs'],
    });
    expect((await authenticator({ usernamePrefix: '-', groupsClaim: 'groups' }).authenticateToken(await sign(claims({ groups: 'one' }))))?.user).to.deep.equal({
      name: '1234',
      groups: ['one'],
    });
  });

  it('uses the email claim unprefixed, and refuses it when email_verified is false', async () => {
    const auth = authenticator({ usernameClaim: 'email' });
    expect((await auth.authenticateToken(await sign(claims({ email: 'jane@example.com', email_verified: true }))))?.user.name).to.equal('jane@example.com');
    expect((await auth.authenticateToken(await sign(claims({ email: 'jane@example.com' }))))?.user.name).to.equal('jane@example.com');
    expect(await rejection(auth.authenticateToken(await sign(claims({ email: 'jane@example.com', email_verified: false }))))).to.equal('oidc: email not verified');
  });

  it("refuses an expired token with go-oidc's message", async () => {
    const message = await rejection(authenticator().authenticateToken(await sign(claims({ exp: 1_700_000_000 }))));
    expect(message).to.equal('oidc: verify token: oidc: token is expired (Token Expiry: 2023-11-14 22:13:20 +0000 UTC)');
  });

  it('refuses a token not yet valid beyond the five minutes of leeway, and accepts one within it', async () => {
    expect(await rejection(authenticator().authenticateToken(await sign(claims({ nbf: now() + 3600 }))))).to.match(
      /^oidc: verify token: oidc: current time .* before the nbf \(not before\) time: /,
    );
    expect(await authenticator().authenticateToken(await sign(claims({ nbf: now() + 60 })))).to.not.equal(null);
  });

  it('refuses a token for another audience', async () => {
    const message = await rejection(authenticator().authenticateToken(await sign(claims({ aud: ['other', 'app'] }))));
    expect(message).to.equal('oidc: verify token: oidc: expected audience "kapi" got ["other" "app"]');
  });

  it('has no opinion on tokens of another issuer or on opaque tokens', async () => {
    expect(await authenticator().authenticateToken(await sign(claims({ iss: 'https://kubernetes.default.svc' })))).to.equal(null);
    expect(await authenticator().authenticateToken('not-a-jwt')).to.equal(null);
  });

  it('refuses a token signed with a key the issuer never published', async () => {
    const message = await rejection(authenticator().authenticateToken(await sign(claims(), { key: otherKey })));
    expect(message).to.equal('oidc: verify token: failed to verify signature: failed to verify id token signature');
  });

  it('refuses an algorithm outside --oidc-signing-algs', async () => {
    const ec = newKey('ec');
    const message = await rejection(authenticator().authenticateToken(await sign(claims(), { key: ec, alg: 'ES256' })));
    expect(message).to.equal('oidc: verify token: oidc: id token signed with unsupported algorithm, expected ["RS256"] got "ES256"');
  });

  it('checks --oidc-required-claim', async () => {
    const auth = authenticator({ requiredClaims: { tenant: 'a' } });
    expect(await auth.authenticateToken(await sign(claims({ tenant: 'a' })))).to.not.equal(null);
    expect(await rejection(auth.authenticateToken(await sign(claims({ tenant: 'b' }))))).to.equal("oidc: required claim tenant's value did not match expected value");
    expect(await rejection(auth.authenticateToken(await sign(claims())))).to.equal('oidc: required claim tenant not present in ID token');
  });

  it('fetches the keys again when the issuer rotates them', async () => {
    const auth = authenticator();
    expect(await auth.authenticateToken(await sign(claims()))).to.not.equal(null);
    const before = jwksFetches;
    published = [await publicJWK(otherKey, 'k2')];
    expect((await auth.authenticateToken(await sign(claims(), { key: otherKey, kid: 'k2' })))?.user.name).to.equal(`${issuer}#1234`);
    expect(jwksFetches).to.equal(before + 1);
  });

  it('stays uninitialized while the discovery document names another issuer', async () => {
    const auth = new OIDCAuthenticator(oidcOptionsFrom({ issuerURL: `${issuer}/`, clientID: 'kapi' }, ca));
    const err = await auth.authenticateToken(await sign(claims({ iss: `${issuer}/` }))).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).to.equal('oidc: authenticator not initialized');
    expect((err?.cause as Error | undefined)?.message).to.equal(`oidc: issuer did not match the issuer returned by provider, expected "${issuer}/" got "${issuer}"`);
  });

  it("stays uninitialized when the issuer's certificate is not from --oidc-ca-file", async () => {
    const auth = new OIDCAuthenticator(oidcOptionsFrom({ issuerURL: issuer, clientID: 'kapi' }, pki.newCA('unrelated').cert));
    expect(await rejection(auth.authenticateToken(await sign(claims())))).to.equal('oidc: authenticator not initialized');
  });

  it('validates the flags as kube-apiserver does at start-up', () => {
    expect(validateOIDCFlags({ issuerURL: 'https://x' })).to.deep.equal(['oidc-issuer-url and oidc-client-id must be specified together']);
    expect(validateOIDCFlags({ issuerURL: 'http://x', clientID: 'c' })).to.deep.equal(['jwt[0].issuer.url: Invalid value: "http://x": URL scheme must be https']);
    expect(validateOIDCFlags({ issuerURL: 'https://x', clientID: 'c', signingAlgs: ['HS256'] })).to.have.length(1);
  });
});
