import { DNS1123LabelMaxLength, DNS1123SubdomainMaxLength, field, isDNS1123Label, isDNS1123Subdomain, type ErrorList, type Path } from '@kapi/apiserver-core';

/** ValidateSignerName: "<domain with two or more labels>/<path of subdomain labels>". */
export function validateSignerName(path: Path, signerName: string | undefined): ErrorList {
  if (!signerName) return [field.required(path, '')];
  const segments = signerName.split('/');
  if (segments.length !== 2) return [field.invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const [domain, signerPath] = segments;
  const errs: ErrorList = [];
  if (domain.length > DNS1123SubdomainMaxLength) errs.push(field.tooLong(path, '', DNS1123SubdomainMaxLength));
  const domainLabels = domain.split('.');
  const badDomainLabel = domainLabels.find((l) => isDNS1123Label(l).length > 0);
  if (badDomainLabel !== undefined) {
    for (const m of isDNS1123Label(badDomainLabel)) errs.push(field.invalid(path, domain, `validating label "${badDomainLabel}": ${m}`));
  }
  if (domainLabels.length < 2) errs.push(field.invalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  const badPathLabel = signerPath.split('.').find((l) => isDNS1123Subdomain(l).length > 0);
  if (badPathLabel !== undefined) {
    for (const m of isDNS1123Subdomain(badPathLabel)) errs.push(field.invalid(path, signerPath, `validating label "${badPathLabel}": ${m}`));
  }
  const maxLength = DNS1123SubdomainMaxLength + (DNS1123SubdomainMaxLength + DNS1123LabelMaxLength + 1) + 1;
  if (signerName.length > maxLength) errs.push(field.tooLong(path, '', maxLength));
  return errs;
}
