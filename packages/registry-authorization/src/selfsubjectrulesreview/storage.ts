import { field, newInvalid, Path, type CreateOptions, type KObject, type RequestContext, type ValidateObjectFunc } from '@kapi/apiserver-core';
import type { Authorizer } from '../authorizer/authorizer';

const kind = { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview' };

/** selfsubjectrulesreviews (`kubectl auth can-i --list`): the rules the authorizer grants in a namespace. */
export class SelfSubjectRulesReviewREST {
  constructor(private readonly authorizer: Authorizer) {}

  newObject(): KObject {
    return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview' };
  }

  namespaceScoped(): boolean {
    return false;
  }

  getSingularName(): string {
    return 'selfsubjectrulesreview';
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    const namespace = (obj.spec as { namespace?: unknown } | undefined)?.namespace ?? '';
    if (typeof namespace !== 'string') throw newInvalid(kind, '', [field.invalid(Path.root('spec').child('namespace'), namespace, 'must be a string')]);
    await createValidation?.(ctx, obj);
    return { ...obj, metadata: { ...obj.metadata, creationTimestamp: null as never }, status: this.authorizer.rulesFor(namespace) };
  }
}
