import { inject, injectable, optional } from 'inversify';
import {
  TokenAuthenticatorKey,
  apiAudiencesOf,
  newVersionedGroupInfo,
  type APIGroupInfo,
  type APIResourceConfigSource,
  type RESTOptionsGetter,
  type RESTStorageProvider,
  type TokenAuthenticator,
  ServerRunOptionsKey,
} from '@kapi/apiserver-core';
import { selfSubjectReviewSchema } from '../selfsubjectreview/schema';
import { SelfSubjectReviewREST } from '../selfsubjectreview/storage';
import { tokenReviewSchema } from '../tokenreview/schema';
import { TokenReviewREST } from '../tokenreview/storage';

/** The settings this group reads from the server options (--api-audiences, --service-account-issuer). */
interface AuthenticationSettings {
  apiAudiences?: string[];
  serviceAccountIssuer?: string;
}

/**
 * RESTStorageProvider of authentication.k8s.io (pkg/registry/authentication/rest): TokenReview and
 * SelfSubjectReview, stored nowhere. v1 is the version kube 1.32 serves by default; kubectl
 * 1.32's `auth whoami` asks v1 first. Without bound token authenticators TokenReview answers with
 * an empty status, as kube does without an authenticator.
 */
@injectable()
export class AuthenticationRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = 'authentication.k8s.io';

  constructor(
    @inject(TokenAuthenticatorKey) @optional() private readonly tokenAuthenticator?: TokenAuthenticator,
    @inject(ServerRunOptionsKey) @optional() private readonly settings?: AuthenticationSettings,
  ) {}

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const info = newVersionedGroupInfo(
      source,
      { group: this.groupName, version: 'v1' },
      {
        tokenreviews: () => new TokenReviewREST(this.tokenAuthenticator, apiAudiencesOf(this.settings ?? {})),
        selfsubjectreviews: () => new SelfSubjectReviewREST('v1'),
      },
      getter,
      [tokenReviewSchema, selfSubjectReviewSchema],
    );
    return info;
  }
}
