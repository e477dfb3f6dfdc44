import { FieldSelector, type Fields } from '../fields/selector';
import { LabelSelector, type Labels } from '../labels/selector';
import type { KObject } from '../runtime/object';

/** The labels and fields of an object that selectors see (the strategy's GetAttrs). */
export interface Attrs {
  labels: Labels;
  fields: Fields;
}

export type AttrFunc = (obj: KObject) => Attrs;

/** storage.SelectionPredicate: what a LIST or WATCH selects, and how much of it. */
export interface SelectionPredicate {
  label: LabelSelector;
  field: FieldSelector;
  getAttrs: AttrFunc;
  limit?: number;
  continue?: string;
  allowWatchBookmarks?: boolean;
}

/** DefaultClusterScopedAttr / DefaultNamespaceScopedAttr: metadata.name (and metadata.namespace). */
export function defaultAttrs(obj: KObject): Attrs {
  const meta = obj.metadata ?? {};
  const fields: Fields = { 'metadata.name': meta.name ?? '' };
  if (meta.namespace !== undefined) fields['metadata.namespace'] = meta.namespace;
  return { labels: meta.labels, fields };
}

export function everything(getAttrs: AttrFunc = defaultAttrs): SelectionPredicate {
  return { label: LabelSelector.everything(), field: FieldSelector.everything(), getAttrs };
}

export function predicateEmpty(p: SelectionPredicate): boolean {
  return p.label.empty() && p.field.empty();
}

export function predicateMatches(p: SelectionPredicate, obj: KObject): boolean {
  if (predicateEmpty(p)) return true;
  const attrs = p.getAttrs(obj);
  return p.label.matches(attrs.labels) && p.field.matches(attrs.fields);
}
