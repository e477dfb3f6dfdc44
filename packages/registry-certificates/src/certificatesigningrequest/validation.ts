import { field, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { bytesField, checkCertificateRequest, checkIssuedCertificate } from './pem';
import { validateSignerName } from './signer-name';
import { Approved, Denied, Failed, type CertificateSigningRequest, type CSRCondition } from './types';

/** KeyUsage values of certificates.k8s.io/v1, sorted as kube lists them in its message. */
const validUsages = [
  'any',
  'cert sign',
  'client auth',
  'code signing',
  'content commitment',
  'crl sign',
  'data encipherment',
  'decipher only',
  'digital signature',
  'email protection',
  'encipher only',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'key agreement',
  'key encipherment',
  'microsoft sgc',
  'netscape sgc',
  'ocsp signing',
  's/mime',
  'server auth',
  'signing',
  'timestamping',
].sort();
const trueOnlyConditions = [Approved, Denied, Failed];
const allStatuses = ['False', 'True', 'Unknown'];
const legacySignerName = 'kubernetes.io/legacy-unknown';
const minExpirationSeconds = 600;

/**
 * What an update may do beyond a create (kube's certificateValidationOptions). Most tolerances
 * only keep objects stored by older servers writable: they apply when the old object already breaks the rule.
 */
export interface CSRValidationOptions {
  allowSettingApprovalConditions?: boolean;
  allowSettingCertificate?: boolean;
}

interface Tolerances {
  bothApprovedAndDenied: boolean;
  legacySignerName: boolean;
  duplicateConditionTypes: boolean;
  emptyConditionType: boolean;
  arbitraryCertificate: boolean;
  unknownUsages: boolean;
  duplicateUsages: boolean;
}

const conditionsOf = (csr: CertificateSigningRequest | undefined): CSRCondition[] => csr?.status?.conditions ?? [];
const hasDuplicates = (values: string[]) => new Set(values).size !== values.length;

function tolerancesFor(csr: CertificateSigningRequest, old?: CertificateSigningRequest): Tolerances {
  const oldTypes = conditionsOf(old).map((c) => c.type);
  const oldUsages = old?.spec?.usages ?? [];
  return {
    bothApprovedAndDenied: oldTypes.includes(Approved) && oldTypes.includes(Denied),
    legacySignerName: old?.spec?.signerName === legacySignerName,
    duplicateConditionTypes: hasDuplicates(oldTypes),
    emptyConditionType: oldTypes.some((t) => !t),
    arbitraryCertificate:
      old !== undefined && ((csr.status?.certificate ?? '') === (old.status?.certificate ?? '') || checkIssuedCertificate(bytesField(old.status?.certificate)) !== undefined),
    unknownUsages: oldUsages.some((u) => !validUsages.includes(u)),
    duplicateUsages: hasDuplicates(oldUsages),
  };
}

function validateUsages(usages: string[], path: Path, t: Tolerances): ErrorList {
  const errs: ErrorList = [];
  if (usages.length === 0) errs.push(field.required(path, ''));
  if (!t.unknownUsages) usages.forEach((u, i) => validUsages.includes(u) || errs.push(field.notSupported(path.index(i), u, validUsages)));
  if (!t.duplicateUsages) usages.forEach((u, i) => usages.indexOf(u) !== i && errs.push(field.duplicate(path.index(i), u)));
  return errs;
}

function validateConditions(conditions: CSRCondition[], path: Path, t: Tolerances): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  let approved = false;
  let denied = false;
  conditions.forEach((c, i) => {
    const p = path.index(i);
    if (!t.emptyConditionType && !c.type) errs.push(field.required(p.child('type'), ''));
    const allowed = trueOnlyConditions.includes(c.type) ? ['True'] : allStatuses;
    if (!c.status) errs.push(field.required(p.child('status'), ''));
    else if (!allowed.includes(c.status)) errs.push(field.notSupported(p.child('status'), c.status, allowed));
    if (!t.bothApprovedAndDenied) {
      if (c.type === Approved) approved = true;
      if (c.type === Denied) denied = true;
      if ((c.type === Approved && denied) || (c.type === Denied && approved)) {
        errs.push(field.invalid(p.child('type'), c.type, 'Approved and Denied conditions are mutually exclusive'));
      }
    }
    if (!t.duplicateConditionTypes && seen.has(c.type)) errs.push(field.duplicate(p.child('type'), c.type));
    seen.add(c.type);
  });
  return errs;
}

function validateCSR(csr: CertificateSigningRequest, t: Tolerances): ErrorList {
  const spec = csr.spec ?? {};
  const specPath = Path.root('spec');
  const errs: ErrorList = [];
  const requestProblem = checkCertificateRequest(bytesField(spec.request));
  if (requestProblem) errs.push(field.invalid(specPath.child('request'), spec.request ?? '', requestProblem));
  errs.push(...validateUsages(spec.usages ?? [], specPath.child('usages'), t));
  if (!t.legacySignerName && spec.signerName === legacySignerName) {
    errs.push(field.invalid(specPath.child('signerName'), spec.signerName, 'the legacy signerName is not allowed via this API version'));
  } else {
    errs.push(...validateSignerName(specPath.child('signerName'), spec.signerName));
  }
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds < minExpirationSeconds) {
    errs.push(field.invalid(specPath.child('expirationSeconds'), spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  errs.push(...validateConditions(conditionsOf(csr), Path.root('status').child('conditions'), t));
  if (!t.arbitraryCertificate) {
    const problem = checkIssuedCertificate(bytesField(csr.status?.certificate));
    if (problem) errs.push(field.invalid(Path.root('status').child('certificate'), '<certificate data>', problem));
  }
  return errs;
}

export function validateCSRCreate(csr: CertificateSigningRequest): ErrorList {
  return validateCSR(csr, tolerancesFor(csr));
}

/**
 * validateCertificateSigningRequestUpdate: conditions of the decisive types are never removed;
 * approval conditions change only through /approval, the certificate only through /status and only once.
 */
export function validateCSRUpdate(csr: CertificateSigningRequest, old: CertificateSigningRequest, opts: CSRValidationOptions = {}): ErrorList {
  const errs = validateCSR(csr, tolerancesFor(csr, old));
  const conditionsPath = Path.root('status').child('conditions');
  const ofType = (r: CertificateSigningRequest, t: string) => conditionsOf(r).filter((c) => c.type === t);
  for (const t of [Approved, Denied, Failed]) {
    if (ofType(csr, t).length < ofType(old, t).length) errs.push(field.forbidden(conditionsPath, `updates may not remove a condition of type "${t}"`));
  }
  if (!opts.allowSettingApprovalConditions) {
    for (const t of [Approved, Denied]) {
      const [before, after] = [ofType(old, t), ofType(csr, t)];
      if (after.length > before.length) errs.push(field.forbidden(conditionsPath, `updates may not add a condition of type "${t}"`));
      else if (after.length === before.length && !semanticEqual(before, after)) {
        errs.push(field.forbidden(conditionsPath, `updates may not modify a condition of type "${t}"`));
      }
    }
  }
  const certificate = csr.status?.certificate ?? '';
  const oldCertificate = old.status?.certificate ?? '';
  if (certificate !== oldCertificate) {
    if (!opts.allowSettingCertificate) errs.push(field.forbidden(Path.root('status').child('certificate'), 'updates may not set certificate content'));
    else if (oldCertificate) errs.push(field.forbidden(Path.root('status').child('certificate'), 'updates may not modify existing certificate content'));
  }
  return errs;
}
