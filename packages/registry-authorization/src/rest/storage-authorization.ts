import { inject, injectable, optional } from 'inversify';
import {
  alwaysAllowAuthorizer,
  AuthorizerKey,
  newVersionedGroupInfo,
  RuleResolverKey,
  type APIGroupInfo,
  type APIResourceConfigSource,
  type Authorizer,
  type RESTOptionsGetter,
  type RESTStorageProvider,
  type RuleResolver,
} from '@kapi/apiserver-core';
import { LocalSubjectAccessReviewREST } from '../localsubjectaccessreview/storage';
import { SelfSubjectAccessReviewREST } from '../selfsubjectaccessreview/storage';
import { SelfSubjectRulesReviewREST } from '../selfsubjectrulesreview/storage';
import { SubjectAccessReviewREST } from '../subjectaccessreview/storage';

/**
 * RESTStorageProvider of authorization.k8s.io (pkg/registry/authorization/rest): the review
 * resources, answered by the server's authorizer and rule resolver (the --authorization-mode
 * union). A container without them (a composed test server) answers as AlwaysAllow. The reviews
 * store nothing, so they ask no RESTOptions.
 */
@injectable()
export class AuthorizationRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = 'authorization.k8s.io';

  constructor(
    @inject(AuthorizerKey) @optional() private readonly authorizer: Authorizer = alwaysAllowAuthorizer,
    @inject(RuleResolverKey) @optional() private readonly ruleResolver: RuleResolver = alwaysAllowAuthorizer,
  ) {}

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const info = newVersionedGroupInfo(
      source,
      { group: this.groupName, version: 'v1' },
      {
        subjectaccessreviews: () => new SubjectAccessReviewREST(this.authorizer),
        selfsubjectaccessreviews: () => new SelfSubjectAccessReviewREST(this.authorizer),
        localsubjectaccessreviews: () => new LocalSubjectAccessReviewREST(this.authorizer),
        selfsubjectrulesreviews: () => new SelfSubjectRulesReviewREST(this.ruleResolver),
      },
      getter,
    );
    return info;
  }
}
