import { defaultAttrs, newDefinedStatusStrategy, StatusREST, type Attrs, type KObject, type ResourceDefinition } from '@kapi/apiserver-core';
import { csrApprovalStrategy, csrStatusStrategy, csrStrategy } from './strategy';
import { csrTable } from './table';
import type { CertificateSigningRequest } from './types';

/** Field selectors: metadata plus spec.signerName (what signers list by). */
function csrAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields['spec.signerName'] = (obj as CertificateSigningRequest).spec?.signerName ?? '';
  return attrs;
}

/** certificates.k8s.io/v1 certificatesigningrequests (`csr`): cluster-scoped, with /status (the signer) and /approval (approvers). */
export const csrDefinition: ResourceDefinition = {
  group: 'certificates.k8s.io',
  version: 'v1',
  kind: 'CertificateSigningRequest',
  plural: 'certificatesigningrequests',
  scope: 'Cluster',
  shortNames: ['csr'],
  strategy: csrStrategy,
  status: csrStatusStrategy,
  table: csrTable,
  storeOptions: { attrFunc: csrAttrs },
  subresources: {
    // Built like /status, with the approval rules: the stored spec, the new conditions, nothing else.
    approval: (store) =>
      new StatusREST(store.withStrategies({ updateStrategy: newDefinedStatusStrategy({ ...csrDefinition, status: csrApprovalStrategy })!, createStrategy: undefined })),
  },
};
