import type { KObject, ResourceDefinition } from '@kapi/apiserver-core';
import { setMatchResourcesDefaults } from '../policy/match-resources';
import { validateValidatingAdmissionPolicy, type ValidatingAdmissionPolicySpec } from './validation';

function setDefaults(obj: KObject): void {
  const spec = (obj.spec ??= {}) as ValidatingAdmissionPolicySpec;
  spec.failurePolicy ??= 'Fail';
  setMatchResourcesDefaults(spec.matchConstraints);
}

/** admissionregistration.k8s.io/v1 validatingadmissionpolicies, with /status (the type-checking controller writes it). */
export const validatingAdmissionPolicyDefinition: ResourceDefinition = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'ValidatingAdmissionPolicy',
  plural: 'validatingadmissionpolicies',
  scope: 'Cluster',
  categories: ['api-extensions'],
  strategy: {
    prepareForCreate: (_ctx, obj) => setDefaults(obj),
    prepareForUpdate: (_ctx, obj) => setDefaults(obj),
    validate: (_ctx, obj) => validateValidatingAdmissionPolicy(obj),
    validateUpdate: (_ctx, obj) => validateValidatingAdmissionPolicy(obj),
  },
  status: true,
  generation: true,
  table: [
    {
      name: 'Validations',
      type: 'integer',
      description: 'Validations indicates the number of validation rules defined in this configuration',
      cell: (o) => ((o.spec as ValidatingAdmissionPolicySpec | undefined)?.validations ?? []).length,
    },
    { name: 'ParamKind', description: 'ParamKind specifies the kind of resources used to parameterize this policy', cell: (o) => paramKindOf(o) },
  ],
};

function paramKindOf(o: KObject): string {
  const pk = (o.spec as ValidatingAdmissionPolicySpec | undefined)?.paramKind;
  return pk ? `${pk.apiVersion}/${pk.kind}` : '<unset>';
}
