import { newInvalid, type Authorizer, type CreateOptions, type KObject, type RequestContext, type ValidateObjectFunc } from '@kapi/apiserver-core';
import { authorizationAttributesFrom, statusFrom, unstoredMetadata } from '../util/helpers';
import { specOf, validateSubjectAccessReview } from '../validation/validation';

const kind = { group: 'authorization.k8s.io', kind: 'SubjectAccessReview' };

/**
 * subjectaccessreviews (pkg/registry/authorization/subjectaccessreview): may the user, groups,
 * uid and extra of the spec do what it asks? Create-only, stored nowhere; the answer is the
 * configured authorizer's decision in the object's status (201).
 */
export class SubjectAccessReviewREST {
  constructor(private readonly authorizer: Authorizer) {}

  newObject(): KObject {
    return { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview' };
  }

  namespaceScoped(): boolean {
    return false;
  }

  getSingularName(): string {
    return 'subjectaccessreview';
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    const errs = validateSubjectAccessReview(obj);
    if (errs.length) throw newInvalid(kind, '', errs);
    await createValidation?.(ctx, obj);
    const result = await this.authorizer.authorize(authorizationAttributesFrom(specOf(obj)));
    return { ...obj, metadata: unstoredMetadata(obj.metadata), status: statusFrom(result) };
  }
}
