import { FieldSet, type FieldsV1 } from './field-set';

/** metav1.ManagedFieldsEntry. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: FieldsV1;
  subresource?: string;
}

/** One manager's fields (fieldpath.VersionedSet) and when it last changed them. */
export interface ManagerFields {
  entry: ManagedFieldsEntry;
  set: FieldSet;
}

/** Managers keyed by identity: manager name, operation, subresource, and for updaters the apiVersion. */
export type Managers = Map<string, ManagerFields>;

/**
 * The manager identity (BuildManagerIdentifier): the entry without fields and time, and without
 * the apiVersion for appliers, so that one applier keeps one entry whatever version it applies.
 */
export function managerIdentity(e: ManagedFieldsEntry): string {
  return JSON.stringify({
    manager: e.manager ?? '',
    operation: e.operation ?? '',
    ...(e.operation === 'Apply' ? {} : { apiVersion: e.apiVersion ?? '' }),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  });
}

/** How conflicts name a manager (printManager): `"kubectl" using v1` for an updater, `"kubectl"` for an applier. */
export function printManager(identity: string): string {
  let e: ManagedFieldsEntry;
  try {
    e = JSON.parse(identity) as ManagedFieldsEntry;
  } catch {
    return JSON.stringify(identity);
  }
  let s = JSON.stringify(e.manager ?? '');
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion ?? ''}`;
  return s;
}

/** metadata.managedFields → managers; a malformed list decodes as none (the caller falls back to the live object's). */
export function decodeManagedFields(list: unknown): Managers | undefined {
  if (!Array.isArray(list)) return undefined;
  const managers: Managers = new Map();
  for (const raw of list) {
    if (!raw || typeof raw !== 'object') return undefined;
    const e = raw as ManagedFieldsEntry;
    if (e.fieldsType !== undefined && e.fieldsType !== 'FieldsV1') return undefined;
    const set = FieldSet.fromFieldsV1(e.fieldsV1);
    const id = managerIdentity(e);
    const prev = managers.get(id);
    managers.set(id, { entry: { ...e }, set: prev ? prev.set.union(set) : set });
  }
  return managers;
}

/** Managers → metadata.managedFields, empty sets left out, sorted as kube-apiserver sorts them. */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  const out: ManagedFieldsEntry[] = [];
  for (const { entry, set } of managers.values()) {
    if (set.empty()) continue;
    out.push({
      manager: entry.manager,
      operation: entry.operation,
      apiVersion: entry.apiVersion,
      ...(entry.time ? { time: entry.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: set.toFieldsV1(),
      ...(entry.subresource ? { subresource: entry.subresource } : {}),
    });
  }
  const seconds = (e: ManagedFieldsEntry) => (e.time ? Math.floor(Date.parse(e.time) / 1000) : 0);
  const cmp = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort(
    (p, q) => cmp(p.operation, q.operation) || seconds(p) - seconds(q) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource),
  );
}

/**
 * Fields no manager owns (the strip-meta manager): the type fields and the metadata the server
 * sets or that names the object.
 */
export const strippedFields = FieldSet.of(
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['f:metadata', `f:${f}`]),
);

/** RFC 3339 with seconds, as metav1.Time serialises. */
export function nowRFC3339(): string {
  // Second precision: the text changes once a second, so it is formatted once a second rather than on
  // every write (Date + toISOString + a regex were ≈ 0.8 % of a create's CPU in the bench profile).
  const second = Math.floor(Date.now() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastText;
}

let lastSecond = NaN;
let lastText = '';

/** The longest fieldManager kube-apiserver accepts (FieldManagerMaxLength). */
export const fieldManagerMaxLength = 128;

/**
 * The manager of a write: the fieldManager parameter, else the User-Agent up to its first "/"
 * (managerOrUserAgent: "kubectl/v1.32.0 (linux/amd64) …" → "kubectl"), cut to 128 characters.
 */
export function managerOrUserAgent(fieldManager: string | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  const prefix = (userAgent ?? '').split('/')[0];
  const printable = [...prefix].filter((c) => c >= ' ' && c !== '\u007f').join('');
  return printable.slice(0, fieldManagerMaxLength);
}
