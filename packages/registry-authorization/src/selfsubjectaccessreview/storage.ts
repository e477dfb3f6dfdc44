import { newInvalid, type Authorizer, type CreateOptions, type KObject, type RequestContext, type UserInfo, type ValidateObjectFunc } from '@kapi/apiserver-core';
import { nonResourceAttributesFrom, resourceAttributesFrom, statusFrom, unstoredMetadata, type NonResourceAttributes, type ResourceAttributes } from '../util/helpers';
import { validateSelfSubjectAccessReview } from '../validation/validation';

const kind = { group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' };

/**
 * selfsubjectaccessreviews (pkg/registry/authorization/selfsubjectaccessreview, `kubectl auth
 * can-i`): may the asking user do this? The subject is the request's (possibly impersonated) user.
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
    if (errs.length) throw newInvalid(kind, '', errs);
    await createValidation?.(ctx, obj);
    const user = requestUser(ctx);
    const spec = obj.spec as { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: NonResourceAttributes };
    const attrs = spec.resourceAttributes ? resourceAttributesFrom(user, spec.resourceAttributes) : nonResourceAttributesFrom(user, spec.nonResourceAttributes!);
    const result = await this.authorizer.authorize(attrs);
    return { ...obj, metadata: unstoredMetadata(obj.metadata), status: statusFrom(result) };
  }
}

/**
 * The request's user. A server without authentication has none; its requests are authorized as the
 * same nameless user the authorization filter sees, so the review answers what the filter would.
 */
export function requestUser(ctx: RequestContext): UserInfo {
  return ctx.user ?? { name: '', groups: [] };
}
