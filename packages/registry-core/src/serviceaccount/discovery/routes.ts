import type { GenericAPIServer } from '@kapi/apiserver-core';
import { jwksPath, newOpenIDMetadata, openIDConfigPath, type OpenIDMetadataDocuments, type OpenIDMetadataOptions } from './openid-metadata';

/** The documents change only with the keys: let relying parties cache them for an hour, as kube does. */
const cacheControl = 'public, max-age=3600';
const mimeJWKS = 'application/jwk-set+json';

/**
 * Serves the service account issuer discovery documents (pkg/routes/openidmetadata.go) on the
 * server's non-resource routes. The options are read at the first request, once the server knows
 * its address; an issuer that cannot have discovery (not https …) leaves both paths unserved (404),
 * as kube-apiserver does, with the reason logged once. RBAC grants them to
 * system:service-account-issuer-discovery.
 */
export function installServiceAccountIssuerDiscovery(server: GenericAPIServer, options: () => OpenIDMetadataOptions | Promise<OpenIDMetadataOptions>): void {
  let documents: Promise<SerializedDocuments | undefined> | undefined;
  const build = async (): Promise<SerializedDocuments | undefined> => {
    try {
      return serialize(newOpenIDMetadata(await options()));
    } catch (err) {
      server.logger.warn({ err: (err as Error).message }, 'service account issuer discovery is disabled');
      return undefined;
    }
  };
  const load = () => (documents ??= build());
  server.nonResourceRouter.get(openIDConfigPath, async (ctx, next) => {
    const docs = await load();
    if (!docs) return next();
    ctx.set('Content-Type', 'application/json');
    ctx.set('Cache-Control', cacheControl);
    ctx.status = 200;
    ctx.body = docs.configJSON;
  });
  server.nonResourceRouter.get(jwksPath, async (ctx, next) => {
    const docs = await load();
    if (!docs) return next();
    ctx.set('Content-Type', mimeJWKS);
    ctx.set('Cache-Control', cacheControl);
    ctx.status = 200;
    ctx.body = docs.jwksJSON;
  });
}

interface SerializedDocuments {
  configJSON: Buffer;
  jwksJSON: Buffer;
}

function serialize(docs: OpenIDMetadataDocuments): SerializedDocuments {
  return { configJSON: Buffer.from(JSON.stringify(docs.configuration)), jwksJSON: Buffer.from(JSON.stringify(docs.jwks)) };
}
