import type { RequestContext } from '../../../../rest/context';
import type { Attributes } from '../../../attributes';
import type { StorageLookup, WantsStorageLookup } from '../../../initializer';
import { handlesOperations, type ValidationInterface } from '../../../interfaces';
import type { AdmissionPlugin } from '../../../plugin';
import type { RESTMapper, WantsRESTMapper } from '../../../rest-mapper';
import type { WantsAuthorizer } from '../../../authorizer-initializer';
import type { EquivalentResourceMapper, WantsEquivalentResourceMapper } from '../../../equivalent-resources';
import type { Authorizer } from '../../../../authorization/authorizer';
import { isExemptAdmissionConfigurationResource } from '../../webhook/source';
import { dispatchPolicies } from './dispatcher';
import { PolicySource } from './source';

/**
 * ValidatingAdmissionPolicy: the stored policies and their bindings, evaluated in CEL on every
 * request they match (k8s.io/apiserver/pkg/admission/plugin/policy/validating).
 */
export class ValidatingAdmissionPolicyPlugin implements ValidationInterface, WantsStorageLookup, WantsRESTMapper, WantsAuthorizer, WantsEquivalentResourceMapper {
  readonly handles = handlesOperations('CREATE', 'UPDATE', 'DELETE', 'CONNECT');
  private readonly source = new PolicySource();
  private authorizer?: Authorizer;

  private equivalents?: EquivalentResourceMapper;

  setAuthorizer(authorizer: Authorizer): void {
    this.authorizer = authorizer;
  }

  setEquivalentResourceMapper(mapper: EquivalentResourceMapper): void {
    this.equivalents = mapper;
  }

  setStorageLookup(lookup: StorageLookup): void {
    this.source.setStorageLookup(lookup);
  }

  setRESTMapper(mapper: RESTMapper): void {
    this.source.setRESTMapper(mapper);
  }

  async validate(ctx: RequestContext, a: Attributes): Promise<void> {
    if (isExemptAdmissionConfigurationResource(a)) return;
    const hooks = await this.source.hooks();
    if (hooks.length) await dispatchPolicies(ctx, hooks, a, this.source.storageLookup, this.authorizer, this.equivalents);
  }
}

export const validatingAdmissionPolicyPlugin: AdmissionPlugin = { name: 'ValidatingAdmissionPolicy', newPlugin: () => new ValidatingAdmissionPolicyPlugin() };
