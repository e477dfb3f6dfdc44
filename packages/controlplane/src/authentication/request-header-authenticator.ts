import { RequestHeaderAuthenticator, newRequestHeaderConfig, type RequestAuthenticator, type RequestHeaderFlags } from '@kapi/apiserver-core';

/**
 * The front-proxy authenticator of the --requestheader-* flags, or undefined without
 * --requestheader-client-ca-file (kube builds none then, whatever the header flags say).
 */
export function buildRequestHeaderAuthenticator(flags: Partial<RequestHeaderFlags> | undefined): RequestAuthenticator | undefined {
  if (!flags?.clientCAFile) return undefined;
  try {
    return new RequestHeaderAuthenticator(newRequestHeaderConfig({ ...flags, clientCAFile: flags.clientCAFile }));
  } catch (err) {
    throw new Error(`invalid authentication config: ${(err as Error).message}`);
  }
}
