import {
  field,
  isDNS1035Label,
  isDNS1123Subdomain,
  nameIsDNSSubdomain,
  Path,
  validateObjectMeta,
  validateObjectMetaUpdate,
  type ErrorList,
  type ValidateNameFunc,
} from '@kapi/apiserver-core';
import type {
  CustomResourceColumnDefinition,
  CustomResourceConversion,
  CustomResourceDefinition,
  CustomResourceDefinitionNames,
  CustomResourceDefinitionSpec,
  CustomResourceDefinitionVersion,
} from '../apis/types';
import { getAPIApprovalState, isProtectedCommunityGroup, kubeAPIApprovedAnnotation } from '../apis/api-approval';
import { validateCRDSchema } from './schema-validation';
import { validateSelectableFields } from './selectable-fields';

/** The sets of kube's validation.go, in its sorted order (they appear in messages). */
const printerColumnDatatypes = ['boolean', 'date', 'integer', 'number', 'string'];
const printerColumnFormats = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const acceptedConversionReviewVersions = ['v1', 'v1beta1'];

/**
 * ValidateCustomResourceDefinition: metadata (name = plural.group), spec, status, storedVersions,
 * and the API approval annotation of protected groups (against old on an update).
 */
export function validateCustomResourceDefinition(crd: CustomResourceDefinition, old?: CustomResourceDefinition): ErrorList {
  const nameFn: ValidateNameFunc = (name, prefix) => {
    const errs = nameIsDNSSubdomain(name, prefix);
    if (name !== `${crd.spec?.names?.plural}.${crd.spec?.group}`) errs.push('must be spec.names.plural+"."+spec.group');
    return errs;
  };
  return [
    ...validateObjectMeta(crd.metadata ?? {}, false, nameFn),
    ...validateSpec(crd.spec ?? ({} as CustomResourceDefinitionSpec), Path.root('spec')),
    ...validateNames(crd.status?.acceptedNames, Path.root('status').child('acceptedNames')),
    ...validateStoredVersions(crd.status?.storedVersions, crd.spec?.versions ?? [], Path.root('status').child('storedVersions')),
    ...validateAPIApproval(crd, old),
  ];
}

/**
 * validateAPIApproval: a CRD of a *.k8s.io or *.kubernetes.io group needs api-approved.kubernetes.io
 * set to the URL of its API review or to a reason starting with "unapproved". An update that leaves
 * the approval state as it was is never refused, so a controller updating an old CRD's spec goes on.
 */
function validateAPIApproval(crd: CustomResourceDefinition, old?: CustomResourceDefinition): ErrorList {
  if (!isProtectedCommunityGroup(crd.spec?.group ?? '')) return [];
  const next = getAPIApprovalState(crd.metadata?.annotations);
  if (old && getAPIApprovalState(old.metadata?.annotations).state === next.state) return [];
  const p = Path.root('metadata').child('annotations').key(kubeAPIApprovedAnnotation);
  if (next.state === 'Missing') return [field.required(p, next.reason)];
  if (next.state === 'Invalid') return [field.invalid(p, crd.metadata?.annotations?.[kubeAPIApprovedAnnotation], next.reason)];
  return [];
}

/**
 * ValidateCustomResourceDefinitionUpdate: the static rules again, metadata update rules, scope
 * immutable once established, and a stored version may not be dropped from spec.versions.
 */
export function validateCustomResourceDefinitionUpdate(crd: CustomResourceDefinition, old: CustomResourceDefinition, established: boolean): ErrorList {
  const errs = [...validateCustomResourceDefinition(crd, old), ...validateObjectMetaUpdate(crd.metadata ?? {}, old.metadata ?? {})];
  if (established && crd.spec?.scope !== old.spec?.scope) errs.push(field.invalid(Path.root('spec').child('scope'), crd.spec?.scope, 'field is immutable'));
  return errs;
}

/** Status updates check status alone: acceptedNames and storedVersions. */
export function validateCustomResourceDefinitionStatus(crd: CustomResourceDefinition): ErrorList {
  return [
    ...validateNames(crd.status?.acceptedNames, Path.root('status').child('acceptedNames')),
    ...validateStoredVersions(crd.status?.storedVersions, crd.spec?.versions ?? [], Path.root('status').child('storedVersions')),
  ];
}

function validateSpec(spec: CustomResourceDefinitionSpec, p: Path): ErrorList {
  const errs: ErrorList = [];
  if (!spec.group) errs.push(field.required(p.child('group')));
  else if (isDNS1123Subdomain(spec.group).length) errs.push(field.invalid(p.child('group'), spec.group, isDNS1123Subdomain(spec.group).join(',')));
  else if (spec.group.split('.').length < 2) errs.push(field.invalid(p.child('group'), spec.group, 'should be a domain with at least one dot'));
  if (!spec.scope) errs.push(field.required(p.child('scope')));
  else if (!['Cluster', 'Namespaced'].includes(spec.scope)) errs.push(field.notSupported(p.child('scope'), spec.scope, ['Cluster', 'Namespaced']));
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0) errs.push(field.required(p.child('versions'), 'must have exactly one version marked as storage version'));
  versions.forEach((v, i) => errs.push(...validateVersion(v, p.child('versions').index(i))));
  if (new Set(versions.map((v) => v.name)).size !== versions.length) errs.push(field.invalid(p.child('versions'), versions, 'must contain unique version names'));
  if (versions.length && versions.filter((v) => v.storage).length !== 1) {
    errs.push(field.invalid(p.child('versions'), versions, 'must have exactly one version marked as storage version'));
  }
  const names = spec.names ?? ({} as CustomResourceDefinitionNames);
  for (const key of ['plural', 'singular', 'kind', 'listKind'] as const) {
    if (!names[key]) errs.push(field.required(p.child('names', key)));
  }
  errs.push(...validateNames(names, p.child('names')));
  errs.push(...validateConversion(spec.conversion, p.child('conversion')));
  if (spec.preserveUnknownFields === true) {
    errs.push(field.invalid(p.child('preserveUnknownFields'), true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
  }
  return errs;
}

function validateVersion(v: CustomResourceDefinitionVersion, p: Path): ErrorList {
  const errs: ErrorList = [];
  const nameErrs = isDNS1035Label(v.name ?? '');
  if (nameErrs.length) errs.push(field.invalid(p.child('name'), v.name, nameErrs.join(',')));
  const schema = v.schema?.openAPIV3Schema;
  if (!schema) errs.push(field.required(p.child('schema').child('openAPIV3Schema'), 'schemas are required'));
  else errs.push(...validateCRDSchema(schema, v.subresources?.status !== undefined, p.child('schema')));
  if (v.selectableFields?.length) errs.push(...validateSelectableFields(v.selectableFields, schema, p.child('selectableFields')));
  (v.additionalPrinterColumns ?? []).forEach((c, i) => errs.push(...validateColumn(c, p.child('additionalPrinterColumns').index(i))));
  const scale = v.subresources?.scale;
  if (scale) {
    const sp = p.child('subresources').child('scale');
    if (!scale.specReplicasPath) errs.push(field.required(sp.child('specReplicasPath')));
    else if (!scale.specReplicasPath.startsWith('.spec.')) errs.push(field.invalid(sp.child('specReplicasPath'), scale.specReplicasPath, 'should be a json path under .spec'));
    if (!scale.statusReplicasPath) errs.push(field.required(sp.child('statusReplicasPath')));
    else if (!scale.statusReplicasPath.startsWith('.status.'))
      errs.push(field.invalid(sp.child('statusReplicasPath'), scale.statusReplicasPath, 'should be a json path under .status'));
  }
  if (v.deprecationWarning !== undefined && v.deprecationWarning.length > 256) {
    errs.push(field.invalid(p.child('deprecationWarning'), v.deprecationWarning, 'must be <= 256 characters long'));
  }
  return errs;
}

function validateColumn(c: CustomResourceColumnDefinition, p: Path): ErrorList {
  const errs: ErrorList = [];
  if (!c.name) errs.push(field.required(p.child('name')));
  if (!c.type) errs.push(field.required(p.child('type'), `must be one of ${printerColumnDatatypes.join(',')}`));
  else if (!printerColumnDatatypes.includes(c.type)) errs.push(field.invalid(p.child('type'), c.type, `must be one of ${printerColumnDatatypes.join(',')}`));
  if (c.format && !printerColumnFormats.includes(c.format)) errs.push(field.invalid(p.child('format'), c.format, `must be one of ${printerColumnFormats.join(',')}`));
  if (!c.jsonPath) errs.push(field.required(p.child('JSONPath')));
  else if (!c.jsonPath.startsWith('.')) errs.push(field.invalid(p.child('JSONPath'), c.jsonPath, 'must be a simple json path starting with .'));
  return errs;
}

function validateConversion(conversion: CustomResourceConversion | undefined, p: Path): ErrorList {
  if (!conversion) return [];
  const errs: ErrorList = [];
  if (!conversion.strategy) errs.push(field.required(p.child('strategy')));
  else if (!['None', 'Webhook'].includes(conversion.strategy)) errs.push(field.notSupported(p.child('strategy'), conversion.strategy, ['None', 'Webhook']));
  if (conversion.strategy === 'Webhook') {
    const cfg = conversion.webhook?.clientConfig;
    if (!cfg) errs.push(field.required(p.child('webhookClientConfig'), 'required when strategy is set to Webhook'));
    else if (!!cfg.url === !!cfg.service) errs.push(field.required(p.child('webhookClientConfig'), 'exactly one of url or service is required'));
    const reviews = conversion.webhook?.conversionReviewVersions ?? [];
    if (reviews.length === 0) errs.push(field.required(p.child('conversionReviewVersions')));
    else if (!reviews.some((r) => acceptedConversionReviewVersions.includes(r))) {
      errs.push(field.invalid(p.child('conversionReviewVersions'), reviews, `must include at least one of ${acceptedConversionReviewVersions.join(', ')}`));
    }
  } else if (conversion.webhook?.clientConfig) {
    errs.push(field.forbidden(p.child('webhookClientConfig'), 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

/** ValidateCustomResourceDefinitionNames: RFC 1035 labels, kind and listKind distinct. */
export function validateNames(names: CustomResourceDefinitionNames | undefined, p: Path): ErrorList {
  if (!names) return [];
  const errs: ErrorList = [];
  const label = (key: 'plural' | 'singular', value: string | undefined) => {
    const e = value ? isDNS1035Label(value) : [];
    if (e.length) errs.push(field.invalid(p.child(key), value, e.join(',')));
  };
  label('plural', names.plural);
  label('singular', names.singular);
  for (const key of ['kind', 'listKind'] as const) {
    const value = names[key];
    const e = value ? isDNS1035Label(value.toLowerCase()) : [];
    if (e.length) errs.push(field.invalid(p.child(key), value, `may have mixed case, but should otherwise match: ${e.join(',')}`));
  }
  (names.shortNames ?? []).forEach((s, i) => {
    const e = isDNS1035Label(s);
    if (e.length) errs.push(field.invalid(p.child('shortNames').index(i), s, e.join(',')));
  });
  if (names.kind && names.kind === names.listKind) errs.push(field.invalid(p.child('listKind'), names.listKind, 'kind and listKind may not be the same'));
  (names.categories ?? []).forEach((c, i) => {
    const e = isDNS1035Label(c);
    if (e.length) errs.push(field.invalid(p.child('categories').index(i), c, e.join(',')));
  });
  return errs;
}

/** ValidateCustomResourceDefinitionStoredVersions: non-empty, contains the storage version, each one in spec.versions. */
function validateStoredVersions(stored: string[] | undefined, versions: CustomResourceDefinitionVersion[], p: Path): ErrorList {
  if (!stored || stored.length === 0) return [field.invalid(p, stored ?? [], 'must have at least one stored version')];
  const errs: ErrorList = [];
  const storage = versions.find((v) => v.storage);
  if (storage && !stored.includes(storage.name)) errs.push(field.invalid(p, stored, `must have the storage version ${storage.name}`));
  stored.forEach((v, i) => {
    if (!versions.some((x) => x.name === v)) errs.push(field.invalid(p.index(i), v, 'must appear in spec.versions'));
  });
  return errs;
}
