import type { KObject } from '@kapi/apiserver-core';
import type { ServiceAccountInfo } from './service-account-info';
import type { ServiceAccountTokenGetter } from './token-getter';
import { InvalidTokenError, lookupError, type ServiceAccountTokenValidator, type TokenClaims } from './validator';

/** go-jose's jwt.DefaultLeeway: clocks may disagree by a minute either way. */
export const leewaySeconds = 60;

/** An object reference in the `kubernetes.io` private claim. */
interface ClaimRef {
  name?: string;
  uid?: string;
}

/** The `kubernetes.io` private claim TokenRequest writes (pkg/serviceaccount/claims.go). */
export interface KubernetesClaims {
  namespace?: string;
  serviceaccount?: ClaimRef;
  pod?: ClaimRef;
  secret?: ClaimRef;
  node?: ClaimRef;
  warnafter?: number;
}

/** jwt.Claims.ValidateWithLeeway for the time claims, with the messages kube maps its errors to. */
export function validateTimeClaims(claims: TokenClaims, nowSeconds: number): void {
  if (typeof claims.nbf === 'number' && nowSeconds + leewaySeconds < claims.nbf) throw new InvalidTokenError('service account token is not valid yet');
  if (typeof claims.exp === 'number' && nowSeconds - leewaySeconds > claims.exp) throw new InvalidTokenError('service account token has expired');
  if (typeof claims.iat === 'number' && nowSeconds + leewaySeconds < claims.iat) throw new InvalidTokenError('service account token is issued in the future');
}

/**
 * An object deleted (deletionTimestamp) more than the leeway ago no longer backs a token; one
 * still in its grace period does, as in kube (a terminating pod keeps talking to the API).
 */
function deletedBeyondLeeway(obj: KObject, nowSeconds: number): boolean {
  const ts = obj.metadata?.deletionTimestamp;
  if (!ts) return false;
  return Date.parse(String(ts)) / 1000 < nowSeconds - leewaySeconds;
}

/**
 * The bound-token validator (claims.go): time claims with leeway; the ServiceAccount, and the
 * Secret, Pod or Node the token is bound to, must still exist with the uid of the claim.
 */
export class BoundServiceAccountTokenValidator implements ServiceAccountTokenValidator {
  constructor(
    private readonly getter: ServiceAccountTokenGetter,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {}

  async validate(_token: string, claims: TokenClaims): Promise<ServiceAccountInfo> {
    const now = this.now();
    validateTimeClaims(claims, now);
    const k8s = (claims['kubernetes.io'] ?? {}) as KubernetesClaims;
    const namespace = k8s.namespace ?? '';
    const saRef = k8s.serviceaccount ?? {};
    if (!namespace || !saRef.name) throw new InvalidTokenError('service account token claims could not be validated due to unexpected private claim');

    const sa = await this.lookup(() => this.getter.getServiceAccount(namespace, saRef.name!), true);
    if (deletedBeyondLeeway(sa, now)) throw new InvalidTokenError(`service account ${namespace}/${saRef.name} has been deleted`);
    if (sa.metadata?.uid !== saRef.uid) throw new InvalidTokenError(`service account UID (${sa.metadata?.uid ?? ''}) does not match claim (${saRef.uid ?? ''})`);

    if (k8s.secret) {
      const secret = await this.lookup(() => this.getter.getSecret(namespace, k8s.secret!.name ?? ''));
      if (deletedBeyondLeeway(secret, now)) throw new InvalidTokenError('service account token has been invalidated');
      if (secret.metadata?.uid !== k8s.secret.uid) {
        throw new InvalidTokenError(`secret UID (${secret.metadata?.uid ?? ''}) does not match service account secret ref claim (${k8s.secret.uid ?? ''})`);
      }
    }

    const info: ServiceAccountInfo = { namespace, name: saRef.name, uid: saRef.uid ?? '', jti: claims.jti || undefined };
    if (k8s.pod) {
      const pod = await this.lookup(() => this.getter.getPod(namespace, k8s.pod!.name ?? ''));
      if (deletedBeyondLeeway(pod, now)) throw new InvalidTokenError('service account token has been invalidated');
      if (pod.metadata?.uid !== k8s.pod.uid) {
        throw new InvalidTokenError(`pod UID (${pod.metadata?.uid ?? ''}) does not match service account pod ref claim (${k8s.pod.uid ?? ''})`);
      }
      info.podName = k8s.pod.name;
      info.podUID = k8s.pod.uid;
      // A pod-bound token names the pod's node for information (ServiceAccountTokenPodNodeInfo);
      // the pod's own lifetime already bounds the token, so the node is not looked up.
      if (k8s.node) Object.assign(info, { nodeName: k8s.node.name, nodeUID: k8s.node.uid });
    } else if (k8s.node) {
      const node = await this.lookup(() => this.getter.getNode(k8s.node!.name ?? ''));
      if (deletedBeyondLeeway(node, now)) throw new InvalidTokenError('service account token has been invalidated');
      if (node.metadata?.uid !== k8s.node.uid) {
        throw new InvalidTokenError(`node UID (${node.metadata?.uid ?? ''}) does not match service account node ref claim (${k8s.node.uid ?? ''})`);
      }
      info.nodeName = k8s.node.name;
      info.nodeUID = k8s.node.uid;
    }
    return info;
  }

  /**
   * A missing ServiceAccount is reported with the store's message, as kube returns its getter's
   * error; a missing bound object only as "invalidated", so the token says nothing about it.
   */
  private async lookup(get: () => Promise<KObject>, passThrough = false): Promise<KObject> {
    try {
      return await get();
    } catch (err) {
      throw passThrough ? lookupError(err) : new InvalidTokenError('service account token has been invalidated');
    }
  }
}
