import {
  intersectAudiences,
  invalidBearerToken,
  newBadRequest,
  newInternalError,
  type CreateOptions,
  type KObject,
  type RequestContext,
  type TokenAuthenticator,
  type ValidateObjectFunc,
} from '@kapi/apiserver-core';
import { toAPIUserInfo, withAuthenticatedGroup, type APIUserInfo } from '../user-info';

interface TokenReviewSpec {
  token?: string;
  audiences?: string[];
}

interface TokenReviewStatus {
  authenticated?: boolean;
  user: APIUserInfo;
  audiences?: string[];
  error?: string;
}

/**
 * tokenreviews (pkg/registry/authentication/tokenreview): create-only, stored nowhere. The answer is
 * what the server's token authenticators make of spec.token for spec.audiences (the API audiences
 * when none are asked), in status. An unknown or invalid token is a 201 with
 * `authenticated` unset and `error` set, not an HTTP error.
 */
export class TokenReviewREST {
  constructor(
    private readonly authenticator: TokenAuthenticator | undefined,
    private readonly apiAudiences: readonly string[] = [],
  ) {}

  newObject(): KObject {
    return { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview' };
  }

  namespaceScoped(): boolean {
    return false;
  }

  getSingularName(): string {
    return 'tokenreview';
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    if (ctx.namespace) throw newBadRequest(`namespace is not allowed on this type: ${ctx.namespace}`);
    const spec = (obj.spec ?? {}) as TokenReviewSpec;
    // kube answers an empty token from the registry with a 400, before any validation.
    if (!spec.token) throw newBadRequest('token is required for TokenReview in authentication');
    await createValidation?.(ctx, obj);
    const review = { ...obj, metadata: { ...obj.metadata, creationTimestamp: null as never } };
    if (!this.authenticator) return review;
    const auds = spec.audiences?.length ? spec.audiences : [...this.apiAudiences];
    return { ...review, status: await this.review(spec.token, auds) };
  }

  private async review(token: string, auds: string[]): Promise<TokenReviewStatus> {
    let resp;
    try {
      resp = await this.authenticator!.authenticateToken(token, auds.length ? auds : undefined);
    } catch (err) {
      return { user: {}, error: (err as Error).message };
    }
    // As through the bearer-token authenticator: a token nobody recognises is an invalid one.
    if (!resp) return { user: {}, error: invalidBearerToken };
    if (auds.length && !intersectAudiences(auds, resp.audiences ?? []).length) {
      // An authenticator that ignored the audiences it was asked for is a server bug, not a bad token.
      throw newInternalError(new Error('error validating audiences'));
    }
    return {
      authenticated: true,
      user: toAPIUserInfo(withAuthenticatedGroup(resp.user)),
      ...(resp.audiences?.length ? { audiences: resp.audiences } : {}),
    };
  }
}
