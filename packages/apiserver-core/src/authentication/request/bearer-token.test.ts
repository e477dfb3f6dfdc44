import { expect } from 'chai';
import type { Socket } from 'node:net';
import type { AuthenticationRequest, TokenAuthenticator } from '../authenticator';
import { wrapAudienceAgnosticToken } from '../audiences';
import { CachedTokenAuthenticator } from '../token/cache';
import { newTokenUnion } from '../token/union';
import { TokenFileAuthenticator } from '../token/token-file';
import { BearerTokenAuthenticator, bearerTokenOf } from './bearer-token';
import { WebSocketProtocolAuthenticator } from './websocket-protocol';

const alice = { name: 'alice', uid: '1', groups: ['dev'] };
const tokens: TokenAuthenticator = new TokenFileAuthenticator(new Map([['s3cret', alice]]));
const request = (headers: AuthenticationRequest['headers']): AuthenticationRequest => ({ headers, socket: {} as Socket });

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('bearer token authentication', () => {
  it('reads the token of an Authorization: Bearer header, any case of the scheme', () => {
    expect(bearerTokenOf('Bearer abc')).to.equal('abc');
    expect(bearerTokenOf('  bearer abc ')).to.equal('abc');
    expect(bearerTokenOf('BEARER abc extra')).to.equal('abc');
  });

  it('has no opinion on a missing, empty, malformed or non-bearer header', () => {
    for (const h of [undefined, '', 'Bearer', 'Bearer ', 'Basic YWxpY2U6cGFzcw==', 'Bearerabc']) expect(bearerTokenOf(h), String(h)).to.equal(undefined);
  });

  it('authenticates a known token and removes the Authorization header', async () => {
    const req = request({ authorization: 'Bearer s3cret', accept: '*/*' });
    const resp = await new BearerTokenAuthenticator(tokens).authenticateRequest(req);
    expect(resp?.user).to.deep.equal(alice);
    expect(req.headers).to.deep.equal({ accept: '*/*' });
  });

  it('refuses an unknown token with "invalid bearer token" and keeps the header', async () => {
    const req = request({ authorization: 'Bearer nope' });
    const err = await rejection(new BearerTokenAuthenticator(tokens).authenticateRequest(req));
    expect(err.message).to.equal('invalid bearer token');
    expect(req.headers.authorization).to.equal('Bearer nope');
  });

  it('returns null (no opinion) without a bearer header', async () => {
    expect(await new BearerTokenAuthenticator(tokens).authenticateRequest(request({ authorization: 'Basic x' }))).to.equal(null);
  });

  it("refuses a token valid only for audiences other than the API server's", async () => {
    const audienceAware: TokenAuthenticator = { authenticateToken: async () => ({ user: alice, audiences: ['vault'] }) };
    const err = await rejection(new BearerTokenAuthenticator(audienceAware, ['https://kubernetes.default.svc']).authenticateRequest(request({ authorization: 'Bearer t' })));
    expect(err.message).to.equal('Unable to match the audience: vault , accepted: https://kubernetes.default.svc');
  });
});

describe('websocket protocol authentication', () => {
  const ws = (protocols: string) => request({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-protocol': protocols });
  const encoded = Buffer.from('s3cret').toString('base64url');

  it('authenticates the base64url bearer subprotocol and strips it, keeping the others', async () => {
    const req = ws(`base64url.bearer.authorization.k8s.io.${encoded}, v4.channel.k8s.io`);
    const resp = await new WebSocketProtocolAuthenticator(tokens).authenticateRequest(req);
    expect(resp?.user.name).to.equal('alice');
    expect(req.headers['sec-websocket-protocol']).to.equal('v4.channel.k8s.io');
  });

  it('ignores requests that are no WebSocket upgrade', async () => {
    const req = request({ 'sec-websocket-protocol': `base64url.bearer.authorization.k8s.io.${encoded}, v4.channel.k8s.io` });
    expect(await new WebSocketProtocolAuthenticator(tokens).authenticateRequest(req)).to.equal(null);
  });

  it('refuses a token without another subprotocol, two tokens, bad base64 and unknown tokens', async () => {
    const auth = new WebSocketProtocolAuthenticator(tokens);
    const cases: Array<[string, string]> = [
      [`base64url.bearer.authorization.k8s.io.${encoded}`, 'missing additional subprotocol'],
      [
        `base64url.bearer.authorization.k8s.io.${encoded},base64url.bearer.authorization.k8s.io.${encoded},v4.channel.k8s.io`,
        'multiple base64.bearer.authorization tokens specified',
      ],
      ['base64url.bearer.authorization.k8s.io.a+b=,v4.channel.k8s.io', 'invalid base64.bearer.authorization token encoding'],
      [`base64url.bearer.authorization.k8s.io.${Buffer.from('other').toString('base64url')},v4.channel.k8s.io`, 'invalid bearer token'],
    ];
    for (const [protocols, message] of cases) expect((await rejection(auth.authenticateRequest(ws(protocols)))).message, protocols).to.equal(message);
  });
});

describe('token union, cache and audience-agnostic wrapping', () => {
  const failing = (message: string): TokenAuthenticator => ({
    authenticateToken: async () => {
      throw new Error(message);
    },
  });

  it('lets the first authenticator that accepts win, past the errors of others', async () => {
    const resp = await newTokenUnion(failing('oidc: verify token: boom'), tokens).authenticateToken('s3cret');
    expect(resp?.user.name).to.equal('alice');
  });

  it('reports the collected errors when nobody accepts, as kube aggregates them', async () => {
    const union = newTokenUnion(failing('a'), tokens, failing('b'));
    expect((await rejection(union.authenticateToken('x'))).message).to.equal('[a, b]');
    expect((await rejection(newTokenUnion(failing('a'), tokens).authenticateToken('x'))).message).to.equal('a');
    expect(await newTokenUnion(tokens, tokens).authenticateToken('x')).to.equal(null);
  });

  it('caches successes for the TTL and shares concurrent lookups', async () => {
    let calls = 0;
    let now = 0;
    const counting: TokenAuthenticator = { authenticateToken: async (t) => (calls++, tokens.authenticateToken(t)) };
    const cache = new CachedTokenAuthenticator(counting, { successTTLMs: 10_000, failureTTLMs: 0, now: () => now });
    await Promise.all([cache.authenticateToken('s3cret'), cache.authenticateToken('s3cret')]);
    await cache.authenticateToken('s3cret');
    expect(calls).to.equal(1);
    await cache.authenticateToken('s3cret', ['other-audience']);
    expect(calls, 'audiences are part of the key').to.equal(2);
    now = 10_001;
    await cache.authenticateToken('s3cret');
    expect(calls, 'expired entry').to.equal(3);
    await cache.authenticateToken('nope');
    await cache.authenticateToken('nope');
    expect(calls, 'failures are not cached with a failure TTL of 0').to.equal(5);
  });

  it('answers audience-agnostic tokens only for the API audiences, reporting the intersection', async () => {
    const wrapped = wrapAudienceAgnosticToken(['api', 'kapi'], tokens);
    expect((await wrapped.authenticateToken('s3cret', ['vault', 'kapi']))?.audiences).to.deep.equal(['kapi']);
    expect(await wrapped.authenticateToken('s3cret', ['vault'])).to.equal(null);
    expect((await wrapped.authenticateToken('s3cret'))?.user.name).to.equal('alice');
    const aware: TokenAuthenticator = { authenticateToken: async () => ({ user: alice, audiences: ['x'] }) };
    const err = await rejection(wrapAudienceAgnosticToken(['api'], aware).authenticateToken('t', ['api']));
    expect(err.message).to.equal('audience agnostic authenticator wrapped an authenticator that returned audiences: ["x"]');
  });
});
