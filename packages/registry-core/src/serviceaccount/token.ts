import { randomUUID } from 'node:crypto';
import {
  field,
  isStatusError,
  realClock,
  newBadRequest,
  newInvalid,
  Path,
  type Clock,
  type CreateOptions,
  type ErrorList,
  type Getter,
  type KObject,
  type RequestContext,
  type ValidateObjectFunc,
  type J,
} from '@kapi/apiserver-core';
import { rfc3339 } from '../rest/time';
import type { SigningKey } from './signing-key';

const tokenRequestGVK = { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' };
/** Tokens shorter than ten minutes are refused, longer than 2^32 seconds too (ValidateTokenRequest). */
const minExpirationSeconds = 600;
const maxExpirationSeconds = 2 ** 32;

export interface TokenRESTOptions {
  serviceAccounts: Getter;
  /** Objects a token may be bound to, by kind. */
  boundObjects: Partial<Record<'Pod' | 'Secret' | 'Node', Getter>>;
  issuer: string;
  /** --api-audiences; kube-apiserver defaults them to the issuer. */
  apiAudiences: string[];
  /** --service-account-max-token-expiration in seconds; 0: no cap. */
  maxExpirationSeconds: number;
  signingKey: () => Promise<SigningKey>;
  /** iat/exp of issued tokens (RESTOptions.clock: the testing kit's clock moves token expiry). */
  clock?: Clock;
}

function validateTokenRequest(tr: KObject): ErrorList {
  const spec = (tr.spec ?? {}) as J;
  const errs: ErrorList = [];
  const p = Path.root('spec').child('expirationSeconds');
  if (spec.expirationSeconds < minExpirationSeconds) errs.push(field.invalid(p, spec.expirationSeconds, 'may not specify a duration less than 10 minutes'));
  if (spec.expirationSeconds > maxExpirationSeconds) errs.push(field.invalid(p, spec.expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
  const ref = spec.boundObjectRef as J | undefined;
  if (ref) {
    if (!['Pod', 'Secret', 'Node'].includes(ref.kind)) errs.push(field.notSupported(Path.root('spec').child('boundObjectRef', 'kind'), ref.kind, ['Pod', 'Secret', 'Node']));
    if (!ref.name) errs.push(field.required(Path.root('spec').child('boundObjectRef', 'name'), ''));
  }
  return errs;
}

/**
 * TokenREST (serviceaccounts/token): issues a TokenRequest's JWT for the service account, signed
 * with the service account key; audiences, expiry and a bound Pod/Secret/Node are honoured.
 */
export class TokenREST {
  constructor(private readonly opts: TokenRESTOptions) {}

  newObject(): KObject {
    return { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest' };
  }

  groupVersionKind(): typeof tokenRequestGVK {
    return tokenRequestGVK;
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    const name = obj.metadata?.name ?? '';
    const sa = await this.opts.serviceAccounts.get(ctx, name, {});
    const spec = (obj.spec ??= {}) as J;
    spec.expirationSeconds ??= 3600;
    if (!spec.audiences?.length) spec.audiences = this.opts.apiAudiences;
    const errs = validateTokenRequest(obj);
    if (errs.length) throw newInvalid(tokenRequestGVK, name, errs);
    await createValidation?.(ctx, obj);
    if (this.opts.maxExpirationSeconds > 0 && spec.expirationSeconds > this.opts.maxExpirationSeconds) spec.expirationSeconds = this.opts.maxExpirationSeconds;

    const ns = sa.metadata?.namespace ?? ctx.namespace ?? '';
    const k8s: J = { namespace: ns, serviceaccount: { name, uid: sa.metadata?.uid } };
    const ref = spec.boundObjectRef as J | undefined;
    if (ref) {
      const getter = this.opts.boundObjects[ref.kind as 'Pod'];
      if (!getter) throw newBadRequest(`cannot bind token to object of kind ${ref.kind}`);
      const bound = await getter.get(ref.kind === 'Node' ? {} : ctx, ref.name, {});
      if (ref.uid && ref.uid !== bound.metadata?.uid) {
        throw newBadRequest(`the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
      }
      if (ref.kind === 'Pod' && (bound.spec as J | undefined)?.serviceAccountName !== name) {
        throw newBadRequest(`cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`);
      }
      k8s[ref.kind.toLowerCase()] = { name: ref.name, uid: bound.metadata?.uid };
      if (ref.kind === 'Pod') Object.assign(k8s, await this.podNodeClaim(bound));
      ref.uid = bound.metadata?.uid;
      ref.apiVersion ??= 'v1';
    }
    const now = Math.floor((this.opts.clock ?? realClock).now() / 1000);
    const exp = now + spec.expirationSeconds;
    const key = await this.opts.signingKey();
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ 'kubernetes.io': k8s })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setIssuer(this.opts.issuer)
      .setSubject(`system:serviceaccount:${ns}:${name}`)
      .setAudience(spec.audiences)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: { name, namespace: ns, creationTimestamp: rfc3339(new Date(now * 1000)) as never },
      spec,
      status: { token, expirationTimestamp: rfc3339(new Date(exp * 1000)) },
    };
  }

  /**
   * ServiceAccountTokenPodNodeInfo: a pod-bound token also names the pod's node (name and uid), read
   * from the watch cache; a node that is gone only leaves the claim out.
   */
  private async podNodeClaim(pod: KObject): Promise<J> {
    const nodeName = (pod.spec as J | undefined)?.nodeName;
    const nodes = this.opts.boundObjects.Node;
    if (!nodeName || !nodes) return {};
    try {
      const node = await nodes.get({}, nodeName, { resourceVersion: '0' });
      return { node: { name: nodeName, uid: node.metadata?.uid } };
    } catch (err) {
      if (isStatusError(err) && err.code === 404) return {};
      throw err;
    }
  }
}
