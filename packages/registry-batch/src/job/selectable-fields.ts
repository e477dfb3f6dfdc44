import { defaultAttrs, type Attrs, type KObject } from '@kapi/apiserver-core';
import type { Job } from '../common/types';

/** JobToSelectableFields: the metadata fields and status.successful (`kubectl get jobs --field-selector status.successful=1`). */
export function jobAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields['status.successful'] = String((obj as Job).status?.succeeded ?? 0);
  return attrs;
}
