import { newBadRequest, newInvalid, type Authorizer, type CreateOptions, type KObject, type RequestContext, type ValidateObjectFunc } from '@kapi/apiserver-core';
import { authorizationAttributesFrom, statusFrom, unstoredMetadata } from '../util/helpers';
import { specOf, validateLocalSubjectAccessReview } from '../validation/validation';

const kind = { group: 'authorization.k8s.io', kind: 'LocalSubjectAccessReview' };

/**
 * localsubjectaccessreviews (pkg/registry/authorization/localsubjectaccessreview): a
 * SubjectAccessReview confined to the namespace of the path, so that namespace admins can be
 * allowed to ask it. The object takes the path's namespace, as the create handler gives it.
 */
export class LocalSubjectAccessReviewREST {
  constructor(private readonly authorizer: Authorizer) {}

  newObject(): KObject {
    return { apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview' };
  }

  namespaceScoped(): boolean {
    return true;
  }

  getSingularName(): string {
    return 'localsubjectaccessreview';
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    const namespace = ctx.namespace ?? '';
    const objNamespace = obj.metadata?.namespace ?? '';
    if (objNamespace && namespace && objNamespace !== namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const review: KObject = { ...obj, metadata: { ...obj.metadata, namespace: objNamespace || namespace } };
    const errs = validateLocalSubjectAccessReview(review);
    if (errs.length) throw newInvalid(kind, '', errs);
    if (!namespace) throw newBadRequest(`namespace is required on this type: ${namespace}`);
    await createValidation?.(ctx, review);
    const result = await this.authorizer.authorize(authorizationAttributesFrom(specOf(review)));
    return { ...review, metadata: unstoredMetadata(review.metadata), status: statusFrom(result) };
  }
}
