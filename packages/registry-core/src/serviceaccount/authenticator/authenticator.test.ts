import { expect } from 'chai';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Getter, TokenAuthenticator, Updater } from '@kapi/apiserver-core';
import { startLegacyAPIServer, type LegacyAPIServer } from '../../testing/legacy-api-server';
import { verificationKeys } from './config';
import { loadPublicKeys, verificationKey, type VerificationKey } from './public-keys';
import { newServiceAccountTokenAuthenticator } from './service-account-authenticator';
import { newStoreTokenGetter } from './token-getter';
import { BoundServiceAccountTokenValidator } from './bound-validator';
import { JWTTokenAuthenticator } from './jwt-authenticator';

const issuer = 'https://kapi.test';
const ns = '/api/v1/namespaces/default';
type Claims = Record<string, unknown>;

function claimsOf(token: string): Claims {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Claims;
}

async function sign(claims: Claims, key: KeyObject, alg = 'ES256'): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(key);
}

/** Rejects with the message, or fails the test when the token is accepted. */
async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the token to be refused');
}

describe('service account token authenticator over the legacy group stores', function () {
  this.timeout(30_000);
  let s: LegacyAPIServer;
  let dir: string;
  let signingKey: KeyObject;
  let authn: TokenAuthenticator;
  let config: { dataDir: string; serviceAccountSigningKeyFile: string; serviceAccountIssuer: string; serviceAccountKeyFiles: string[] };

  const uidOf = (body: Record<string, unknown>) => (body.metadata as { uid: string }).uid;
  async function create(resource: string, body: Claims): Promise<Record<string, unknown>> {
    const res = await s.request('POST', `${ns}/${resource}`, body);
    expect(res.status, res.text).to.equal(201);
    return res.body;
  }
  async function tokenFor(sa: string, spec: Claims = {}): Promise<string> {
    const res = await s.request('POST', `${ns}/serviceaccounts/${sa}/token`, { spec });
    expect(res.status, res.text).to.equal(201);
    return (res.body.status as { token: string }).token;
  }

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kapi-satoken-'));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    signingKey = privateKey;
    await writeFile(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    config = { dataDir: dir, serviceAccountSigningKeyFile: path.join(dir, 'sa.key'), serviceAccountIssuer: issuer, serviceAccountKeyFiles: [] };
    s = await startLegacyAPIServer(config);
    const v1 = s.info.versionedResourcesStorageMap.v1 as unknown as Record<string, Getter>;
    authn = newServiceAccountTokenAuthenticator({
      issuers: [issuer, 'https://old.kapi.test'],
      keys: verificationKeys(config),
      apiAudiences: [issuer],
      getter: newStoreTokenGetter({ serviceAccounts: v1.serviceaccounts, secrets: v1.secrets as Getter & Updater, pods: v1.pods, nodes: v1.nodes }),
    });
  });
  after(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('bound tokens', () => {
    let saUID: string;
    before(async () => {
      saUID = uidOf(await create('serviceaccounts', { metadata: { name: 'robot' } }));
    });

    it('a TokenRequest token is the service account, with its uid, groups and credential id', async () => {
      const token = await tokenFor('robot');
      const res = await authn.authenticateToken(token);
      expect(res?.user).to.deep.equal({
        name: 'system:serviceaccount:default:robot',
        uid: saUID,
        groups: ['system:serviceaccounts', 'system:serviceaccounts:default'],
        extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${claimsOf(token).jti}`] },
      });
      expect(res?.audiences).to.deep.equal([issuer]);
    });

    it('a token of another issuer or no JWT at all gets no opinion; a second issuer is accepted', async () => {
      const claims = claimsOf(await tokenFor('robot'));
      expect(await authn.authenticateToken(await sign({ ...claims, iss: 'https://elsewhere' }, signingKey))).to.equal(null);
      expect(await authn.authenticateToken('0123456789abcdef')).to.equal(null);
      expect(await authn.authenticateToken('a.b.c')).to.equal(null);
      const old = await authn.authenticateToken(await sign({ ...claims, iss: 'https://old.kapi.test' }, signingKey));
      expect(old?.user.name).to.equal('system:serviceaccount:default:robot');
    });

    it('a token signed by another key is refused', async () => {
      const claims = claimsOf(await tokenFor('robot'));
      const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
      expect(await rejection(authn.authenticateToken(await sign(claims, other)))).to.equal('go-jose/go-jose: error in cryptographic primitive');
    });

    it('with several keys, the failures of every key are reported together, each once', async () => {
      const token = await tokenFor('robot');
      const otherEC = () => verificationKey(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey);
      const rsa = verificationKey(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey);
      const v1 = s.info.versionedResourcesStorageMap.v1 as unknown as Record<string, Getter>;
      const getter = newStoreTokenGetter({ serviceAccounts: v1.serviceaccounts, secrets: v1.secrets, pods: v1.pods, nodes: v1.nodes });
      const with_ = (keys: VerificationKey[]) => newServiceAccountTokenAuthenticator({ issuers: [issuer], keys: async () => keys, apiAudiences: [issuer], getter });
      expect(await rejection(with_([otherEC(), otherEC()]).authenticateToken(token))).to.equal('go-jose/go-jose: error in cryptographic primitive');
      expect(await rejection(with_([otherEC(), rsa]).authenticateToken(token))).to.equal(
        '[go-jose/go-jose: error in cryptographic primitive, go-jose/go-jose: unknown/unsupported algorithm]',
      );
      expect((await with_([rsa, otherEC(), (await verificationKeys(config)())[0]]).authenticateToken(token))?.user.name).to.equal('system:serviceaccount:default:robot');
    });

    it('an expired token is refused after the minute of leeway, not before', async () => {
      const claims = claimsOf(await tokenFor('robot'));
      const now = Math.floor(Date.now() / 1000);
      const old = { ...claims, iat: now - 7200, nbf: now - 7200 };
      expect(await rejection(authn.authenticateToken(await sign({ ...old, exp: now - 61 }, signingKey)))).to.equal('service account token has expired');
      expect(await authn.authenticateToken(await sign({ ...old, exp: now - 30 }, signingKey))).to.not.equal(null);
      const future = { ...claims, nbf: now + 600, iat: now, exp: now + 3600 };
      expect(await rejection(authn.authenticateToken(await sign(future, signingKey)))).to.equal('service account token is not valid yet');
    });

    it('audiences are intersected with the request audiences', async () => {
      const token = await tokenFor('robot', { audiences: ['vault'] });
      expect(await rejection(authn.authenticateToken(token))).to.equal(`token audiences ["vault"] is invalid for the target audiences ["${issuer}"]`);
      expect((await authn.authenticateToken(token, ['vault', 'other']))?.audiences).to.deep.equal(['vault']);
    });

    it('a deleted service account, or one recreated with another uid, invalidates its tokens', async () => {
      await create('serviceaccounts', { metadata: { name: 'temp' } });
      const token = await tokenFor('temp');
      expect(await authn.authenticateToken(token)).to.not.equal(null);
      expect((await s.request('DELETE', `${ns}/serviceaccounts/temp`)).status).to.equal(200);
      expect(await rejection(authn.authenticateToken(token))).to.equal('serviceaccounts "temp" not found');
      const uid = uidOf(await create('serviceaccounts', { metadata: { name: 'temp' } }));
      expect(await rejection(authn.authenticateToken(token))).to.equal(
        `service account UID (${uid}) does not match claim (${(claimsOf(token)['kubernetes.io'] as { serviceaccount: { uid: string } }).serviceaccount.uid})`,
      );
    });

    it('a pod-bound token carries the pod and ends with the pod', async () => {
      const pod = await create('pods', { metadata: { name: 'holder' }, spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'x' }] } });
      const token = await tokenFor('robot', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'holder' } });
      const res = await authn.authenticateToken(token);
      expect(res?.user.extra).to.deep.include({ 'authentication.kubernetes.io/pod-name': ['holder'], 'authentication.kubernetes.io/pod-uid': [uidOf(pod)] });
      expect((await s.request('DELETE', `${ns}/pods/holder?gracePeriodSeconds=0`)).status).to.equal(200);
      expect(await rejection(authn.authenticateToken(token))).to.equal('service account token has been invalidated');
    });

    it('a token bound to a scheduled pod names its node too; a pod of another service account is refused', async () => {
      const node = await s.request('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n0' } });
      const pod = await create('pods', { metadata: { name: 'placed' }, spec: { serviceAccountName: 'robot', nodeName: 'n0', containers: [{ name: 'c', image: 'x' }] } });
      const token = await tokenFor('robot', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'placed' } });
      expect((await authn.authenticateToken(token))?.user.extra).to.deep.include({
        'authentication.kubernetes.io/pod-name': ['placed'],
        'authentication.kubernetes.io/pod-uid': [uidOf(pod)],
        'authentication.kubernetes.io/node-name': ['n0'],
        'authentication.kubernetes.io/node-uid': [uidOf(node.body)],
      });
      await create('pods', { metadata: { name: 'foreign' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      const res = await s.request('POST', `${ns}/serviceaccounts/robot/token`, { spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'foreign' } } });
      expect(res.status).to.equal(400);
      expect(res.body.message).to.equal('cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.');
    });

    it('a secret-bound token ends with the secret', async () => {
      await create('secrets', { metadata: { name: 'anchor' }, data: {} });
      const token = await tokenFor('robot', { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'anchor' } });
      expect(await authn.authenticateToken(token)).to.not.equal(null);
      expect((await s.request('DELETE', `${ns}/secrets/anchor`)).status).to.equal(200);
      expect(await rejection(authn.authenticateToken(token))).to.equal('service account token has been invalidated');
    });

    it('a bound object being deleted (a finalizer holds it) still backs its token for the minute of leeway, not after', async () => {
      await create('secrets', { metadata: { name: 'held', finalizers: ['example.com/hold'] }, data: {} });
      const token = await tokenFor('robot', { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'held' } });
      expect((await s.request('DELETE', `${ns}/secrets/held`)).status).to.equal(200);
      expect(((await s.request('GET', `${ns}/secrets/held`)).body.metadata as { deletionTimestamp?: string }).deletionTimestamp).to.be.a('string');
      expect(await authn.authenticateToken(token)).to.not.equal(null);
      const v1 = s.info.versionedResourcesStorageMap.v1 as unknown as Record<string, Getter>;
      const getter = newStoreTokenGetter({ serviceAccounts: v1.serviceaccounts, secrets: v1.secrets, pods: v1.pods, nodes: v1.nodes });
      const later = new JWTTokenAuthenticator({
        issuers: [issuer],
        keys: verificationKeys(config),
        implicitAudiences: [issuer],
        validator: new BoundServiceAccountTokenValidator(getter, () => Date.now() / 1000 + 90),
      });
      expect(await rejection(later.authenticateToken(token))).to.equal('service account token has been invalidated');
      await s.request('PATCH', `${ns}/secrets/held`, { metadata: { finalizers: null } });
    });

    it('a node-bound token names the node and ends with it', async () => {
      const node = await s.request('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
      expect(node.status, node.text).to.equal(201);
      const token = await tokenFor('robot', { boundObjectRef: { kind: 'Node', apiVersion: 'v1', name: 'n1' } });
      const res = await authn.authenticateToken(token);
      expect(res?.user.extra).to.deep.include({ 'authentication.kubernetes.io/node-name': ['n1'], 'authentication.kubernetes.io/node-uid': [uidOf(node.body)] });
      expect((await s.request('DELETE', '/api/v1/nodes/n1')).status).to.equal(200);
      expect(await rejection(authn.authenticateToken(token))).to.equal('service account token has been invalidated');
    });
  });

  describe('Secret-based (legacy) tokens', () => {
    let saUID: string;
    async function legacyToken(secretName: string, uid = saUID): Promise<string> {
      return sign(
        {
          iss: 'kubernetes/serviceaccount',
          sub: 'system:serviceaccount:default:legacy',
          'kubernetes.io/serviceaccount/namespace': 'default',
          'kubernetes.io/serviceaccount/secret.name': secretName,
          'kubernetes.io/serviceaccount/service-account.name': 'legacy',
          'kubernetes.io/serviceaccount/service-account.uid': uid,
        },
        signingKey,
      );
    }
    async function tokenSecret(name: string, token: string): Promise<void> {
      await create('secrets', {
        metadata: { name, annotations: { 'kubernetes.io/service-account.name': 'legacy' } },
        type: 'kubernetes.io/service-account-token',
        data: { token: Buffer.from(token).toString('base64') },
      });
    }
    before(async () => {
      saUID = uidOf(await create('serviceaccounts', { metadata: { name: 'legacy' } }));
    });

    it('a token its Secret holds is the service account, without credential id', async () => {
      const token = await legacyToken('legacy-token');
      await tokenSecret('legacy-token', token);
      const res = await authn.authenticateToken(token);
      expect(res?.user).to.deep.equal({ name: 'system:serviceaccount:default:legacy', uid: saUID, groups: ['system:serviceaccounts', 'system:serviceaccounts:default'] });
      expect(res?.audiences).to.deep.equal([issuer]);
    });

    it('a token signed by another key is refused', async () => {
      const { SignJWT } = await import('jose');
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const token = await new SignJWT(claimsOf(await legacyToken('legacy-token'))).setProtectedHeader({ alg: 'RS256' }).sign(other);
      expect(await rejection(authn.authenticateToken(token))).to.equal('go-jose/go-jose: unknown/unsupported algorithm');
    });

    it('a deleted or changed Secret invalidates the token', async () => {
      const token = await legacyToken('legacy-2');
      await tokenSecret('legacy-2', token);
      expect(await authn.authenticateToken(token)).to.not.equal(null);
      const changed = await s.request('PATCH', `${ns}/secrets/legacy-2`, { data: { token: Buffer.from('other').toString('base64') } });
      expect(changed.status).to.equal(200);
      expect(await rejection(authn.authenticateToken(token))).to.equal("Token does not match server's copy");
      expect((await s.request('DELETE', `${ns}/secrets/legacy-2`)).status).to.equal(200);
      expect(await rejection(authn.authenticateToken(token))).to.equal('Token has been invalidated');
    });

    it('a use is recorded on the Secret once a day; the invalid-since label switches the token off until removed', async () => {
      const token = await legacyToken('legacy-tracked');
      await tokenSecret('legacy-tracked', token);
      expect(await authn.authenticateToken(token)).to.not.equal(null);
      const today = new Date().toISOString().slice(0, 10);
      const labels = async () => ((await s.request('GET', `${ns}/secrets/legacy-tracked`)).body.metadata as { labels?: Record<string, string> }).labels;
      expect(await labels()).to.deep.equal({ 'kubernetes.io/legacy-token-last-used': today });
      await s.request('PATCH', `${ns}/secrets/legacy-tracked`, { metadata: { labels: { 'kubernetes.io/legacy-token-invalid-since': '2026-01-01' } } });
      expect(await rejection(authn.authenticateToken(token))).to.equal(
        'the token in secret default/legacy-tracked for service account default/legacy has been marked invalid. Use tokens from the TokenRequest API ' +
          "or manually created secret-based tokens, or remove the 'kubernetes.io/legacy-token-invalid-since' label from the secret to temporarily allow use of this token",
      );
      await s.request('PATCH', `${ns}/secrets/legacy-tracked`, { metadata: { labels: { 'kubernetes.io/legacy-token-invalid-since': null } } });
      expect(await authn.authenticateToken(token)).to.not.equal(null);
    });

    it('a deleted or recreated service account invalidates the token', async () => {
      const token = await legacyToken('legacy-3');
      await tokenSecret('legacy-3', token);
      expect((await s.request('DELETE', `${ns}/serviceaccounts/legacy`)).status).to.equal(200);
      expect(await rejection(authn.authenticateToken(token))).to.equal('serviceaccounts "legacy" not found');
      const uid = uidOf(await create('serviceaccounts', { metadata: { name: 'legacy' } }));
      expect(await rejection(authn.authenticateToken(token))).to.equal(`ServiceAccount UID (${uid}) does not match claim (${saUID})`);
    });

    it('--service-account-key-file takes every RSA or ECDSA key of a PEM (a PKCS#1 public key, a PKCS#8 private key) and refuses a file without one', async () => {
      const pub = createPrivateKey(signingKey.export({ type: 'pkcs8', format: 'pem' })).export({ type: 'pkcs8', format: 'pem' }) as string;
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
      await writeFile(path.join(dir, 'keys.pem'), `${rsa}${pub}`);
      const keys = await loadPublicKeys([path.join(dir, 'keys.pem')]);
      expect(keys.map((k) => k.alg)).to.deep.equal(['RS256', 'ES256']);
      await writeFile(path.join(dir, 'empty.pem'), 'nothing here');
      expect(await rejection(loadPublicKeys([path.join(dir, 'empty.pem')]))).to.match(/data does not contain any valid RSA or ECDSA public keys/);
    });
  });
});
