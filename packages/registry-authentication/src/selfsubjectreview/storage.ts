import { newBadRequest, type CreateOptions, type KObject, type RequestContext, type ValidateObjectFunc } from '@kapi/apiserver-core';
import { toAPIUserInfo } from '../user-info';

/**
 * selfsubjectreviews (pkg/registry/authentication/selfsubjectreview): who the server thinks the
 * caller is — the authenticated (or impersonated) user of the request — in status.userInfo.
 * `kubectl auth whoami` is this one POST.
 */
export class SelfSubjectReviewREST {
  constructor(private readonly version: string) {}

  newObject(): KObject {
    return { apiVersion: `authentication.k8s.io/${this.version}`, kind: 'SelfSubjectReview' };
  }

  namespaceScoped(): boolean {
    return false;
  }

  getSingularName(): string {
    return 'selfsubjectreview';
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    await createValidation?.(ctx, obj);
    if (!ctx.user) throw newBadRequest('no user present on request');
    return {
      apiVersion: `authentication.k8s.io/${this.version}`,
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
      status: { userInfo: toAPIUserInfo(ctx.user) },
    };
  }
}
