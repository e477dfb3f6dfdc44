import type { KObject, ResourceDefinition } from '@kapi/apiserver-core';
import { setMatchResourcesDefaults } from '../policy/match-resources';
import { validateValidatingAdmissionPolicyBinding, type ValidatingAdmissionPolicyBindingSpec } from './validation';

const specOf = (o: KObject) => (o.spec ?? {}) as ValidatingAdmissionPolicyBindingSpec;

/** admissionregistration.k8s.io/v1 validatingadmissionpolicybindings. */
export const validatingAdmissionPolicyBindingDefinition: ResourceDefinition = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  plural: 'validatingadmissionpolicybindings',
  scope: 'Cluster',
  categories: ['api-extensions'],
  strategy: {
    prepareForCreate: (_ctx, obj) => setMatchResourcesDefaults(specOf(obj).matchResources),
    prepareForUpdate: (_ctx, obj) => setMatchResourcesDefaults(specOf(obj).matchResources),
    validate: (_ctx, obj) => validateValidatingAdmissionPolicyBinding(obj),
    validateUpdate: (_ctx, obj) => validateValidatingAdmissionPolicyBinding(obj),
  },
  generation: true,
  table: [
    { name: 'PolicyName', description: 'PolicyName indicates the policy definition which the policy binding binded to', cell: (o) => specOf(o).policyName ?? '' },
    { name: 'ParamRef', description: 'ParamRef indicates the param resource which sets the configration param', cell: (o) => paramRefOf(o) },
  ],
};

function paramRefOf(o: KObject): string {
  const pr = specOf(o).paramRef;
  if (!pr) return '<unset>';
  if (pr.name) return pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
  return '*';
}
