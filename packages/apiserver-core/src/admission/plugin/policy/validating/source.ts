import type { StorageLookup } from '../../../initializer';
import type { RESTMapper, RESTMapping } from '../../../rest-mapper';
import { listAdmissionConfigurations } from '../../webhook/source';
import { compilePolicy, type CompiledPolicy } from './compile';
import { resolveParamKind } from './params';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from './types';

/** generic.PolicyHook: a policy, its bindings, its compiled expressions and where its params live. */
export interface PolicyHook {
  policy: ValidatingAdmissionPolicy;
  bindings: ValidatingAdmissionPolicyBinding[];
  compiled: CompiledPolicy;
  paramMapping?: RESTMapping;
  /** A problem of the policy as a whole (its paramKind is not served): judged by its failure policy. */
  configurationError?: string;
}

/**
 * generic.policySource: policies and bindings read from the watch cache on each request (so a new or
 * changed one applies as soon as it is stored); compiled programs are kept per policy generation.
 */
export class PolicySource {
  private lookup?: StorageLookup;
  private mapper?: RESTMapper;
  private readonly compiled = new Map<string, { key: string; compiled: CompiledPolicy }>();

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  setRESTMapper(mapper: RESTMapper): void {
    this.mapper = mapper;
  }

  get storageLookup(): StorageLookup | undefined {
    return this.lookup;
  }

  async hooks(): Promise<PolicyHook[]> {
    const policies = (await listAdmissionConfigurations(this.lookup, 'validatingadmissionpolicies')) as ValidatingAdmissionPolicy[];
    if (!policies.length) return [];
    const bindings = (await listAdmissionConfigurations(this.lookup, 'validatingadmissionpolicybindings')) as ValidatingAdmissionPolicyBinding[];
    const live = new Set<string>();
    const hooks = policies.map((policy) => {
      const name = policy.metadata?.name ?? '';
      live.add(name);
      const hook: PolicyHook = { policy, bindings: bindings.filter((b) => b.spec?.policyName === name), compiled: this.compile(policy) };
      const paramKind = policy.spec?.paramKind;
      if (paramKind) {
        try {
          hook.paramMapping = resolveParamKind(this.mapper, paramKind);
        } catch (err) {
          hook.configurationError = (err as Error).message;
        }
      }
      return hook;
    });
    for (const name of this.compiled.keys()) if (!live.has(name)) this.compiled.delete(name);
    return hooks.filter((h) => h.bindings.length > 0);
  }

  private compile(policy: ValidatingAdmissionPolicy): CompiledPolicy {
    const name = policy.metadata?.name ?? '';
    const key = `${policy.metadata?.uid ?? ''}/${policy.metadata?.generation ?? policy.metadata?.resourceVersion ?? ''}`;
    const cached = this.compiled.get(name);
    if (cached?.key === key) return cached.compiled;
    const compiled = compilePolicy(policy.spec ?? {});
    this.compiled.set(name, { key, compiled });
    return compiled;
  }
}
