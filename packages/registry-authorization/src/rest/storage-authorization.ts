import { injectable } from 'inversify';
import { newVersionedGroupInfo, type APIGroupInfo, type APIResourceConfigSource, type RESTOptionsGetter, type RESTStorageProvider } from '@kapi/apiserver-core';
import { alwaysAllowAuthorizer, type Authorizer } from '../authorizer/authorizer';
import { authorizationProtobufMessages } from '../protobuf/authorization-v1';
import { SelfSubjectAccessReviewREST } from '../selfsubjectaccessreview/storage';
import { SelfSubjectRulesReviewREST } from '../selfsubjectrulesreview/storage';

/**
 * RESTStorageProvider of authorization.k8s.io (pkg/registry/authorization/rest): the self-review
 * resources, answered by the server's authorizer. They store nothing, so they ask no RESTOptions.
 */
@injectable()
export class AuthorizationRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = 'authorization.k8s.io';
  protected readonly authorizer: Authorizer = alwaysAllowAuthorizer;

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const info = newVersionedGroupInfo(
      source,
      { group: this.groupName, version: 'v1' },
      {
        selfsubjectaccessreviews: () => new SelfSubjectAccessReviewREST(this.authorizer),
        selfsubjectrulesreviews: () => new SelfSubjectRulesReviewREST(this.authorizer),
      },
      getter,
    );
    return { ...info, protobufMessages: authorizationProtobufMessages };
  }
}
