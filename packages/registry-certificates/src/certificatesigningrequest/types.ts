import type { KObject } from '@kapi/apiserver-core';

export interface CSRCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface CSRSpec {
  /** base64 of a PEM "CERTIFICATE REQUEST" block. */
  request?: string;
  signerName?: string;
  expirationSeconds?: number;
  usages?: string[];
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface CSRStatus {
  conditions?: CSRCondition[];
  /** base64 of PEM "CERTIFICATE" blocks, set by the signer. */
  certificate?: string;
}

/** certificates.k8s.io/v1 CertificateSigningRequest. */
export interface CertificateSigningRequest extends KObject {
  spec?: CSRSpec;
  status?: CSRStatus;
}

export const Approved = 'Approved';
export const Denied = 'Denied';
export const Failed = 'Failed';
