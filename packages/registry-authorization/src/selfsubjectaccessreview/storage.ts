import { newInvalid, type CreateOptions, type KObject, type RequestContext, type ValidateObjectFunc } from '@kapi/apiserver-core';
import type { Authorizer, NonResourceAttributes, ResourceAttributes } from '../authorizer/authorizer';
import { validateSelfSubjectAccessReview } from './validation';

const kind = { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview' };

/**
 * selfsubjectaccessreviews (pkg/registry/authorization/selfsubjectaccessreview): create-only and
 * stored nowhere — the answer is the authorizer's decision for the asking user, returned as the
 * object's status (201, as kube-apiserver answers).
 */
export class SelfSubjectAccessReviewREST {
  constructor(private readonly authorizer: Authorizer) {}

  newObject(): KObject {
    return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview' };
  }

  namespaceScoped(): boolean {
    return false;
  }

  getSingularName(): string {
    return 'selfsubjectaccessreview';
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    const errs = validateSelfSubjectAccessReview(obj);
    if (errs.length) throw newInvalid(kind, obj.metadata?.name ?? '', errs);
    await createValidation?.(ctx, obj);
    const spec = obj.spec as { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: NonResourceAttributes };
    const decision = this.authorizer.authorize(spec.resourceAttributes ?? spec.nonResourceAttributes ?? {});
    return {
      ...obj,
      metadata: { ...obj.metadata, creationTimestamp: null as never },
      status: { allowed: decision.allowed, ...(decision.denied ? { denied: true } : {}), ...(decision.reason ? { reason: decision.reason } : {}) },
    };
  }
}
