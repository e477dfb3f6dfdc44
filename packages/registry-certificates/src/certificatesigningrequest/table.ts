import { ageColumn, humanDuration, type KObject, type TableColumn } from '@kapi/apiserver-core';
import { Approved, Denied, Failed, type CertificateSigningRequest } from './types';

const csr = (o: KObject) => o as CertificateSigningRequest;

/** extractCSRStatus: the decision (Denied wins over Approved), then Failed and Issued. */
export function csrCondition(obj: CertificateSigningRequest): string {
  const types = new Set((obj.status?.conditions ?? []).map((c) => c.type));
  let status = types.has(Denied) ? 'Denied' : types.has(Approved) ? 'Approved' : 'Pending';
  if (types.has(Failed)) status += ',Failed';
  if (obj.status?.certificate) status += ',Issued';
  return status;
}

/** kubectl get csr: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION (AGE second, as kube prints it). */
export const csrTable: TableColumn[] = [
  ageColumn,
  { name: 'SignerName', description: 'The signer the request is addressed to.', cell: (o) => csr(o).spec?.signerName || '<none>' },
  { name: 'Requestor', description: 'The user that created the request.', cell: (o) => csr(o).spec?.username ?? '' },
  {
    name: 'RequestedDuration',
    description: 'The validity the requester asked for.',
    cell: (o) => {
      const seconds = csr(o).spec?.expirationSeconds;
      return seconds === undefined ? '<none>' : humanDuration(seconds * 1000);
    },
  },
  { name: 'Condition', description: 'The decision on the request and whether a certificate was issued.', cell: (o) => csrCondition(csr(o)) },
];
