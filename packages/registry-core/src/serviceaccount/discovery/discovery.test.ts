import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GenericAPIServer } from '@kapi/apiserver-core';
import { startLegacyAPIServer, type LegacyAPIServer } from '../../testing/legacy-api-server';
import { verificationKeys } from '../authenticator/config';
import { verificationKey } from '../authenticator/public-keys';
import { newOpenIDMetadata } from './openid-metadata';
import { installServiceAccountIssuerDiscovery } from './routes';

const issuer = 'https://kapi.test';

describe('service account issuer discovery', function () {
  this.timeout(30_000);
  let dir: string;
  let legacy: LegacyAPIServer;
  let server: GenericAPIServer;
  let url: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kapi-oidc-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const config = { dataDir: dir, serviceAccountSigningKeyFile: path.join(dir, 'sa.key'), serviceAccountIssuer: issuer, serviceAccountKeyFiles: [] };
    legacy = await startLegacyAPIServer(config);
    server = new GenericAPIServer({ logLevel: 'silent' });
    const keys = verificationKeys(config);
    installServiceAccountIssuerDiscovery(server, async () => ({ issuer, externalAddress: new URL(server.url()).host, keys: await keys() }));
    url = await server.run('127.0.0.1', 0);
  });
  after(async () => {
    await server.shutdown();
    await legacy.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the OpenID configuration as kube-apiserver does', async () => {
    const res = await fetch(`${url}/.well-known/openid-configuration`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/json');
    expect(res.headers.get('cache-control')).to.equal('public, max-age=3600');
    expect(await res.text()).to.equal(
      JSON.stringify({
        issuer,
        jwks_uri: `https://${new URL(url).host}/openid/v1/jwks`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      }),
    );
  });

  it('serves a JWKS whose key verifies a TokenRequest token with jose', async () => {
    const res = await fetch(`${url}/openid/v1/jwks`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/jwk-set+json');
    const jwks = (await res.json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).to.have.length(1);
    expect(Object.keys(jwks.keys[0])).to.deep.equal(['use', 'kty', 'kid', 'alg', 'n', 'e']);
    await legacy.request('POST', '/api/v1/namespaces/default/serviceaccounts', { metadata: { name: 'robot' } });
    const tr = await legacy.request('POST', '/api/v1/namespaces/default/serviceaccounts/robot/token', { spec: { audiences: ['vault'] } });
    const token = (tr.body.status as { token: string }).token;
    const { createLocalJWKSet, jwtVerify } = await import('jose');
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks as never), { issuer, audience: 'vault' });
    expect(protectedHeader.kid).to.equal(jwks.keys[0].kid);
    expect(payload.sub).to.equal('system:serviceaccount:default:robot');
  });

  it('--service-account-jwks-uri overrides jwks_uri; algorithms are listed once, sorted', () => {
    const ec = verificationKey(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey);
    const rsa = verificationKey(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey);
    const docs = newOpenIDMetadata({ issuer, jwksURI: 'https://keys.example/jwks', keys: [rsa, ec, rsa] });
    expect(docs.configuration.jwks_uri).to.equal('https://keys.example/jwks');
    expect(docs.configuration.id_token_signing_alg_values_supported).to.deep.equal(['ES384', 'RS256']);
    expect(Object.keys(docs.jwks.keys[1])).to.deep.equal(['use', 'kty', 'kid', 'crv', 'alg', 'x', 'y']);
    expect(() => newOpenIDMetadata({ issuer, jwksURI: 'http://keys.example/jwks', keys: [rsa] })).to.throw('jwksURI requires https scheme, parsed as: http://keys.example/jwks');
  });

  it('an issuer that is not an https URL has no discovery: the paths are 404', async () => {
    expect(() =>
      newOpenIDMetadata({
        issuer: 'kubernetes/serviceaccount',
        externalAddress: 'h:1',
        keys: [verificationKey(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey)],
      }),
    ).to.throw('issuer URL must use https scheme, got: kubernetes/serviceaccount');
    const plain = new GenericAPIServer({ logLevel: 'silent' });
    installServiceAccountIssuerDiscovery(plain, () => ({ issuer: 'http://insecure', externalAddress: 'h:1', keys: [] }));
    const u = await plain.run('127.0.0.1', 0);
    try {
      expect((await fetch(`${u}/.well-known/openid-configuration`)).status).to.equal(404);
      expect((await fetch(`${u}/openid/v1/jwks`)).status).to.equal(404);
    } finally {
      await plain.shutdown();
    }
  });
});
