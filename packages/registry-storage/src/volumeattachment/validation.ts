import { field, isDNS1123Subdomain, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { validateCSIDriverName } from '../common/validation';
import { validateInlineVolumeSpec } from './inline-volume';
import type { VolumeAttachment, VolumeAttachmentSpec, VolumeAttachmentStatus, VolumeError } from './types';

const maxMetadataBytes = 256 * 1024;
const maxErrorMessageBytes = 1024;
const oneSourceMessage = 'must specify exactly one of inlineVolumeSpec and persistentVolumeName';

function validateSpec(spec: VolumeAttachmentSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (!spec.attacher) errs.push(field.required(path.child('attacher'), ''));
  const source = spec.source ?? {};
  const sourcePath = path.child('source');
  if (source.inlineVolumeSpec === undefined && source.persistentVolumeName === undefined) errs.push(field.required(sourcePath, oneSourceMessage));
  else if (source.inlineVolumeSpec !== undefined && source.persistentVolumeName !== undefined) errs.push(field.forbidden(sourcePath, oneSourceMessage));
  else if (source.persistentVolumeName === '') errs.push(field.required(sourcePath.child('persistentVolumeName'), 'must specify non empty persistentVolumeName'));
  else if (source.inlineVolumeSpec) errs.push(...validateInlineVolumeSpec(source.inlineVolumeSpec, sourcePath.child('inlineVolumeSpec')));
  const node = spec.nodeName ?? '';
  for (const m of isDNS1123Subdomain(node)) errs.push(field.invalid(path.child('nodeName'), node, m));
  return errs;
}

function validateVolumeError(e: VolumeError | undefined, path: Path): ErrorList {
  // kube reports the metadata limit here too (its message names 262144 bytes, not 1024).
  return (e?.message?.length ?? 0) > maxErrorMessageBytes ? [field.tooLong(path.child('message'), '', maxMetadataBytes)] : [];
}

function validateStatus(status: VolumeAttachmentStatus, path: Path): ErrorList {
  const size = Object.entries(status.attachmentMetadata ?? {}).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
  return [
    ...(size > maxMetadataBytes ? [field.tooLong(path.child('attachmentMetadata'), '', maxMetadataBytes)] : []),
    ...validateVolumeError(status.attachError, path.child('attachError')),
    ...validateVolumeError(status.detachError, path.child('detachError')),
  ];
}

/** ValidateVolumeAttachment: the spec and the status sizes. */
export function validateVolumeAttachment(va: VolumeAttachment): ErrorList {
  return [...validateSpec(va.spec ?? {}, Path.root('spec')), ...validateStatus(va.status ?? {}, Path.root('status'))];
}

/** ValidateVolumeAttachmentV1, on create only: the attacher is a CSI driver and the PV name a valid name. */
export function validateVolumeAttachmentV1(va: VolumeAttachment): ErrorList {
  const errs = validateCSIDriverName(va.spec?.attacher, Path.root('spec').child('attacher'));
  const pv = va.spec?.source?.persistentVolumeName;
  if (pv !== undefined) for (const m of isDNS1123Subdomain(pv)) errs.push(field.invalid(Path.root('spec').child('source', 'persistentVolumeName'), pv, m));
  return errs;
}

/** ValidateVolumeAttachmentUpdate: the spec is read-only once created. */
export function validateVolumeAttachmentUpdate(va: VolumeAttachment, old: VolumeAttachment): ErrorList {
  const errs = validateVolumeAttachment(va);
  if (!semanticEqual(va.spec ?? null, old.spec ?? null)) errs.push(field.invalid(Path.root('spec'), va.spec ?? null, 'field is immutable'));
  return errs;
}
