import { Pkcs10CertificateRequest } from '@peculiar/x509';
import {
  handlesOperations,
  newAdmissionForbidden,
  type AdmissionPlugin,
  type Attributes,
  type Authorizer,
  type RequestContext,
  type ValidationInterface,
  type WantsAuthorizer,
} from '@kapi/apiserver-core';
import { isAuthorizedForSignerName, isCSRRequest } from './authorized-for-signer';

interface CSR {
  spec?: { signerName?: string; request?: string };
  status?: { certificate?: string };
}

/** The plugins that judge a user by what the authorizer lets them do to a signer. */
abstract class SignerAuthorization implements ValidationInterface, WantsAuthorizer {
  protected authorizer?: Authorizer;
  abstract readonly handles: ValidationInterface['handles'];

  setAuthorizer(authorizer: Authorizer): void {
    this.authorizer = authorizer;
  }

  abstract validate(ctx: RequestContext, a: Attributes): Promise<void>;
}

/** CertificateApproval (plugin/pkg/admission/certificates/approval): approving needs `approve` on the signer. */
export class CertificateApproval extends SignerAuthorization {
  readonly handles = handlesOperations('UPDATE');

  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (!isCSRRequest(a, 'approval') || !a.object) return;
    const signerName = (a.object as CSR).spec?.signerName ?? '';
    if (!(await isAuthorizedForSignerName(this.authorizer, a, 'approve', signerName))) {
      throw newAdmissionForbidden(a, `user not permitted to approve requests with signerName ${JSON.stringify(signerName)}`);
    }
  }
}

/** CertificateSigning (plugin/pkg/admission/certificates/signing): setting status.certificate needs `sign` on the signer. */
export class CertificateSigning extends SignerAuthorization {
  readonly handles = handlesOperations('UPDATE');

  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (!isCSRRequest(a, 'status') || !a.object) return;
    const csr = a.object as CSR;
    if ((csr.status?.certificate ?? '') === ((a.oldObject as CSR | undefined)?.status?.certificate ?? '')) return;
    const signerName = csr.spec?.signerName ?? '';
    if (!(await isAuthorizedForSignerName(this.authorizer, a, 'sign', signerName))) {
      throw newAdmissionForbidden(a, `user not permitted to sign requests with signerName ${JSON.stringify(signerName)}`);
    }
  }
}

const kubeAPIServerClientSigner = 'kubernetes.io/kube-apiserver-client';

/**
 * CertificateSubjectRestriction (plugin/pkg/admission/certificates/subjectrestriction): the
 * kube-apiserver-client signer must never be asked for a system:masters certificate.
 */
export class CertificateSubjectRestriction implements ValidationInterface {
  readonly handles = handlesOperations('CREATE');

  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (!isCSRRequest(a, '') || !a.object) return;
    const spec = (a.object as CSR).spec;
    if (spec?.signerName !== kubeAPIServerClientSigner) return;
    let organizations: string[];
    try {
      const request = new Pkcs10CertificateRequest(Buffer.from(spec.request ?? '', 'base64').toString('utf8'));
      organizations = request.subjectName.getField('O');
    } catch (err) {
      throw newAdmissionForbidden(a, `failed to parse CSR: ${(err as Error).message}`);
    }
    if (organizations.includes('system:masters')) {
      throw newAdmissionForbidden(a, `use of ${kubeAPIServerClientSigner} signer with system:masters group is not allowed`);
    }
  }
}

export const certificateApprovalPlugin: AdmissionPlugin = { name: 'CertificateApproval', newPlugin: () => new CertificateApproval() };
export const certificateSigningPlugin: AdmissionPlugin = { name: 'CertificateSigning', newPlugin: () => new CertificateSigning() };
export const certificateSubjectRestrictionPlugin: AdmissionPlugin = { name: 'CertificateSubjectRestriction', newPlugin: () => new CertificateSubjectRestriction() };
