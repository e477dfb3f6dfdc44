import type { RequestContext } from '../../../rest/context';
import type { Attributes } from '../../attributes';
import type { StorageLookup, WantsStorageLookup } from '../../initializer';
import { handlesOperations, type MutationInterface, type ValidationInterface } from '../../interfaces';
import type { AdmissionPlugin } from '../../plugin';
import type { Authorizer } from '../../../authorization/authorizer';
import type { WantsAuthorizer } from '../../authorizer-initializer';
import type { EquivalentResourceMapper, WantsEquivalentResourceMapper } from '../../equivalent-resources';
import { dispatchMutating, dispatchValidating } from './dispatcher';
import type { ServiceResolver, WantsServiceResolver } from './service-resolver';
import { WebhookSource } from './source';

const allOperations = handlesOperations('CREATE', 'UPDATE', 'DELETE', 'CONNECT');

/** MutatingAdmissionWebhook: the MutatingWebhookConfigurations' webhooks, in order, on every request they match. */
export class MutatingAdmissionWebhook implements MutationInterface, WantsStorageLookup, WantsServiceResolver, WantsAuthorizer, WantsEquivalentResourceMapper {
  private resolver?: ServiceResolver;
  readonly handles = allOperations;
  private readonly source = new WebhookSource('mutatingwebhookconfigurations');

  setStorageLookup(lookup: StorageLookup): void {
    this.source.setStorageLookup(lookup);
  }

  setServiceResolver(resolver: ServiceResolver): void {
    this.resolver = resolver;
  }

  setAuthorizer(authorizer: Authorizer): void {
    this.source.setAuthorizer(authorizer);
  }

  setEquivalentResourceMapper(mapper: EquivalentResourceMapper): void {
    this.source.setEquivalentResourceMapper(mapper);
  }

  async admit(ctx: RequestContext, a: Attributes): Promise<void> {
    const hooks = await this.source.matching(a);
    if (hooks.length) await dispatchMutating(ctx, hooks, a, this.resolver);
  }
}

/** ValidatingAdmissionWebhook: the ValidatingWebhookConfigurations' webhooks, all at once. */
export class ValidatingAdmissionWebhook implements ValidationInterface, WantsStorageLookup, WantsServiceResolver, WantsAuthorizer, WantsEquivalentResourceMapper {
  private resolver?: ServiceResolver;
  readonly handles = allOperations;
  private readonly source = new WebhookSource('validatingwebhookconfigurations');

  setStorageLookup(lookup: StorageLookup): void {
    this.source.setStorageLookup(lookup);
  }

  setServiceResolver(resolver: ServiceResolver): void {
    this.resolver = resolver;
  }

  setAuthorizer(authorizer: Authorizer): void {
    this.source.setAuthorizer(authorizer);
  }

  setEquivalentResourceMapper(mapper: EquivalentResourceMapper): void {
    this.source.setEquivalentResourceMapper(mapper);
  }

  async validate(ctx: RequestContext, a: Attributes): Promise<void> {
    const hooks = await this.source.matching(a);
    if (hooks.length) await dispatchValidating(ctx, hooks, a, this.resolver);
  }
}

export const mutatingAdmissionWebhookPlugin: AdmissionPlugin = { name: 'MutatingAdmissionWebhook', newPlugin: () => new MutatingAdmissionWebhook() };
export const validatingAdmissionWebhookPlugin: AdmissionPlugin = { name: 'ValidatingAdmissionWebhook', newPlugin: () => new ValidatingAdmissionWebhook() };
