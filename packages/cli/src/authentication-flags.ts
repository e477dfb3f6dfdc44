import { parseDuration } from './duration';
import type { ServerRunOptions } from '@kapi/controlplane';

/** The authentication flags of kube-apiserver that kapi reads (token file, OIDC, front proxy, API audiences). */
export const authenticationFlagSpec = {
  'authentication-token-webhook-config-file': {
    type: 'string',
    description:
      'File with webhook configuration for token authentication in kubeconfig format. The API server will query the remote service to determine authentication for bearer tokens.',
  },
  'authentication-token-webhook-version': {
    type: 'string',
    description: 'The API version of the authentication.k8s.io TokenReview to send to and expect from the webhook. (default "v1beta1")',
  },
  'authentication-token-webhook-cache-ttl': { type: 'string', description: 'The duration to cache responses from the webhook token authenticator. (default 2m0s)' },
  'token-auth-file': {
    type: 'string',
    description: 'If set, the file that will be used to secure the secure port of the API server via token authentication (CSV: token,user,uid,"group1,group2").',
  },
  'oidc-issuer-url': {
    type: 'string',
    description: 'The URL of the OpenID issuer, only HTTPS scheme will be accepted. If set, it will be used to verify the OIDC JSON Web Token (JWT).',
  },
  'oidc-client-id': { type: 'string', description: 'The client ID for the OpenID Connect client, must be set if oidc-issuer-url is set.' },
  'oidc-ca-file': {
    type: 'string',
    description: "If set, the OpenID server's certificate will be verified by one of the authorities in the oidc-ca-file, otherwise the host's root CA set will be used.",
  },
  'oidc-username-claim': { type: 'string', description: 'The OpenID claim to use as the user name. (default "sub")' },
  'oidc-username-prefix': {
    type: 'string',
    description:
      "If provided, all usernames will be prefixed with this value. If not provided, username claims other than 'email' are prefixed by the issuer URL. The value '-' disables all prefixing.",
  },
  'oidc-groups-claim': { type: 'string', description: 'If provided, the name of a custom OpenID Connect claim for specifying user groups (a string or an array of strings).' },
  'oidc-groups-prefix': { type: 'string', description: 'If provided, all groups will be prefixed with this value.' },
  'oidc-required-claim': {
    type: 'string',
    multiple: true,
    description: 'A key=value pair that describes a required claim in the ID Token. Repeat this flag to specify multiple claims.',
  },
  'oidc-signing-algs': { type: 'string', multiple: true, description: 'Comma-separated list of allowed JOSE asymmetric signing algorithms. (default [RS256])' },
  'requestheader-client-ca-file': {
    type: 'string',
    description:
      'Root certificate bundle to use to verify client certificates on incoming requests before trusting usernames in headers specified by --requestheader-username-headers.',
  },
  'requestheader-allowed-names': {
    type: 'string',
    multiple: true,
    description:
      'List of client certificate common names to allow to provide usernames in headers specified by --requestheader-username-headers. If empty, any client certificate validated by the authorities in --requestheader-client-ca-file is allowed.',
  },
  'requestheader-username-headers': { type: 'string', multiple: true, description: 'List of request headers to inspect for usernames. X-Remote-User is common.' },
  'requestheader-uid-headers': { type: 'string', multiple: true, description: 'List of request headers to inspect for UIDs. X-Remote-Uid is suggested.' },
  'requestheader-group-headers': { type: 'string', multiple: true, description: 'List of request headers to inspect for groups. X-Remote-Group is suggested.' },
  'requestheader-extra-headers-prefix': { type: 'string', multiple: true, description: 'List of request header prefixes to inspect. X-Remote-Extra- is suggested.' },
} as const;

type FlagValues = Record<string, string | string[] | boolean | undefined>;

/** A repeatable, comma-separated string slice (pflag's StringSlice). */
function slice(v: FlagValues, name: string): string[] | undefined {
  const values = v[name] as string[] | undefined;
  return values
    ?.flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** --oidc-required-claim key=value, repeatable (cliflag's MapStringStringNoSplit). */
function requiredClaims(values: string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  const out: Record<string, string> = {};
  for (const pair of values) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new Error(`invalid argument "${pair}" for "--oidc-required-claim" flag: malformed pair, expect string=string`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** Copies the parsed authentication flags onto the options. */
export function applyAuthenticationFlags(opts: ServerRunOptions, v: FlagValues): void {
  const str = (name: string) => v[name] as string | undefined;
  if (str('token-auth-file') !== undefined) opts.tokenAuthFile = str('token-auth-file');
  if (str('authentication-token-webhook-config-file') !== undefined) {
    opts.tokenWebhook = {
      configFile: str('authentication-token-webhook-config-file')!,
      version: str('authentication-token-webhook-version') ?? 'v1beta1',
      cacheTTLMs: str('authentication-token-webhook-cache-ttl') !== undefined ? parseDuration(str('authentication-token-webhook-cache-ttl')!) : 120_000,
    };
  }
  if (Object.keys(v).some((k) => k.startsWith('oidc-'))) {
    opts.oidc = {
      issuerURL: str('oidc-issuer-url'),
      clientID: str('oidc-client-id'),
      caFile: str('oidc-ca-file'),
      usernameClaim: str('oidc-username-claim'),
      usernamePrefix: str('oidc-username-prefix'),
      groupsClaim: str('oidc-groups-claim'),
      groupsPrefix: str('oidc-groups-prefix'),
      requiredClaims: requiredClaims(v['oidc-required-claim'] as string[] | undefined),
      signingAlgs: slice(v, 'oidc-signing-algs'),
    };
  }
  if (Object.keys(v).some((k) => k.startsWith('requestheader-'))) {
    opts.requestHeader = {
      clientCAFile: str('requestheader-client-ca-file'),
      allowedNames: slice(v, 'requestheader-allowed-names'),
      usernameHeaders: slice(v, 'requestheader-username-headers'),
      uidHeaders: slice(v, 'requestheader-uid-headers'),
      groupHeaders: slice(v, 'requestheader-group-headers'),
      extraHeaderPrefixes: slice(v, 'requestheader-extra-headers-prefix'),
    };
  }
}
