import { newBadRequest } from '../../../api/errors';
import type { FieldSelector } from '../../../fields/selector';
import type { KObject } from '../../../runtime/object';
import type { AttrFunc } from '../../../storage/selection-predicate';

const metaFields = ['metadata.name', 'metadata.namespace'];

/**
 * The field labels a resource's field selectors may use: metadata.name and metadata.namespace for
 * every kind (DefaultMetaV1FieldSelectorConversion) plus whatever its GetAttrs exposes, found by
 * asking GetAttrs about an empty object of the kind.
 */
export function supportedFieldLabels(attrFunc: AttrFunc, newFunc: () => KObject): Set<string> {
  const labels = new Set(metaFields);
  try {
    const probe = newFunc();
    probe.metadata = { name: '', namespace: '' };
    for (const f of Object.keys(attrFunc(probe).fields)) labels.add(f);
  } catch {
    // A GetAttrs that needs a full object still supports the metadata fields.
  }
  return labels;
}

/**
 * ConvertFieldLabel: an unknown field is a 400, worded as kube-apiserver words it — kinds with
 * their own field labels say "field label not supported", the others list the two metadata ones.
 */
export function checkFieldSelector(selector: FieldSelector, supported: Set<string>): void {
  for (const r of selector.requirements) {
    if (supported.has(r.field)) continue;
    if (supported.size > metaFields.length) throw newBadRequest(`field label not supported: ${r.field}`);
    throw newBadRequest(`"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
}
