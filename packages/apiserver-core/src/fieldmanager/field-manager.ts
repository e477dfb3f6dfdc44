import { newBadRequest } from '../api/errors';
import { semanticEqual } from '../api/equality/semantic';
import type { GroupVersionKind, KObject } from '../runtime/object';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { SchemaObject } from '../schema/types';
import { FieldSet } from './field-set';
import { decodeManagedFields, encodeManagedFields, managerIdentity, nowRFC3339, strippedFields, type ManagedFieldsEntry, type Managers } from './managed-fields';
import { StructuredMerge } from './structured-merge';
import { isObject, TypeShapes } from './type-shape';
import { ApplyConflictError, MergeUpdater } from './updater';

/**
 * The field manager of one resource endpoint (managedfields.FieldManager): keeps
 * metadata.managedFields on every write and performs server-side apply, by the kind's schema.
 */
export class FieldManager {
  private readonly updater: MergeUpdater;
  private readonly merge: StructuredMerge;
  private readonly apiVersion: string;

  constructor(
    schemas: SchemaRegistry,
    private readonly kind: GroupVersionKind,
    private readonly root: SchemaObject,
    private readonly subresource = '',
  ) {
    this.apiVersion = kind.group ? `${kind.group}/${kind.version}` : kind.version;
    // What the endpoint's strategy resets is never owned through it (the reset fields).
    const ignored = subresource === 'status' ? FieldSet.of(['f:spec']) : root.properties?.status ? FieldSet.of(['f:status']) : new FieldSet();
    this.merge = new StructuredMerge(new TypeShapes(schemas));
    this.updater = new MergeUpdater(this.merge, root, ignored);
  }

  /**
   * Create, update or non-apply patch by `manager` (UpdateNoErrors): managedFields given in the
   * body replace the live ones (that is how clients reset them), an empty list keeps the live ones.
   */
  update(live: KObject | undefined, obj: KObject, manager: string): KObject {
    try {
      const given = this.subresource ? undefined : decodeManagedFields(obj.metadata?.managedFields);
      const managers = (given && given.size ? given : decodeManagedFields(live?.metadata?.managedFields)) ?? new Map();
      const id = managerIdentity(this.entry(manager, 'Update'));
      this.updater.update(managedFieldsHidden(live) ?? {}, managedFieldsHidden(obj), managers, id, () => this.entry(manager, 'Update', nowRFC3339()));
      return this.encode(obj, managers);
    } catch {
      // A write never fails over its bookkeeping: the object goes on without managedFields.
      delete obj.metadata?.managedFields;
      return obj;
    }
  }

  /** Server-side apply of `config` by `manager`; throws the 409 of conflicts unless forced. */
  apply(live: KObject | undefined, config: unknown, manager: string, force: boolean): KObject {
    if (config === undefined || config === null) config = {};
    if (!isObject(config)) {
      const type = Array.isArray(config) ? 'array' : typeof config === 'number' ? 'number' : typeof config;
      throw newBadRequest(`error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${type} into Go value of type map[string]interface {}`);
    }
    const meta = config.metadata;
    if (isObject(meta) && meta.managedFields !== undefined && meta.managedFields !== null) throw newBadRequest('metadata.managedFields must be nil');
    if (config.apiVersion !== this.apiVersion) {
      throw newBadRequest(`Incorrect version specified in apply patch. Specified patch version: ${String(config.apiVersion ?? '')}, expected: ${this.apiVersion}`);
    }
    let managers: Managers = decodeManagedFields(live?.metadata?.managedFields) ?? new Map();
    const id = managerIdentity(this.entry(manager, 'Apply'));
    const previous = managers.get(id)?.entry;
    const base = withoutManagedFields(live) ?? {};
    const template = () => this.entry(manager, 'Apply', nowRFC3339());
    // The merge shares subtrees with its inputs: work on a copy of the caller's configuration.
    const run = (forced: boolean) => this.updater.apply(base, structuredClone(config), managers, id, template, forced) as KObject;
    const saved = copyManagers(managers);
    let applied: KObject;
    try {
      applied = run(force);
    } catch (err) {
      if (!(err instanceof ApplyConflictError)) throw err;
      managers = this.conflictsLastAppliedAllows(base, manager, err);
      for (const [k, v] of saved) managers.set(k, v);
      applied = run(true);
    }
    updateLastApplied(live, applied, config, manager);
    // An apply that changes nothing keeps the applier's timestamp.
    const noop = semanticEqual(applied, base);
    const own = managers.get(id);
    if (noop && own && previous?.time) own.entry = { ...own.entry, time: previous.time };
    return this.encode(noop && live ? structuredClone(live) : applied, managers);
  }

  /**
   * The move from client-side to server-side apply (the last-applied manager): `kubectl apply
   * --server-side` may take, without force, the fields whose live value is still the one of the
   * client-side last-applied-configuration. Throws the conflicts that remain; answers a fresh map.
   */
  private conflictsLastAppliedAllows(live: KObject, manager: string, err: ApplyConflictError): Managers {
    const lastApplied = live.metadata?.annotations?.[lastAppliedAnnotation];
    if (manager !== 'kubectl' || !lastApplied) throw err;
    let last: unknown;
    try {
      last = JSON.parse(lastApplied);
    } catch {
      throw err;
    }
    const changed = this.merge.compare(last, live, this.root).modified;
    const allowed = this.merge.toFieldSet(last, this.root).difference(changed);
    const remaining = err.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length) throw new ApplyConflictError(remaining);
    return new Map();
  }

  private entry(manager: string, operation: 'Apply' | 'Update', time?: string): ManagedFieldsEntry {
    return { manager, operation, apiVersion: this.apiVersion, ...(time ? { time } : {}), ...(this.subresource ? { subresource: this.subresource } : {}) };
  }

  private encode(obj: KObject, managers: Managers): KObject {
    for (const [id, m] of managers) {
      m.set = m.set.difference(strippedFields);
      if (m.set.empty()) managers.delete(id);
    }
    const list = encodeManagedFields(managers);
    obj.metadata ??= {};
    if (list.length) (obj.metadata as Record<string, unknown>).managedFields = list;
    else delete obj.metadata.managedFields;
    return obj;
  }

  get groupVersionKind(): GroupVersionKind {
    return this.kind;
  }
}

/**
 * The object as an update compares it, without managedFields: a shallow view (its own object and
 * metadata, every other value shared), since comparing only reads. A deep copy here cost two
 * structuredClones of the whole object per write — the largest item of an update's field tracking.
 */
function managedFieldsHidden(obj: KObject | undefined): KObject | undefined {
  if (!obj?.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** A deep copy without managedFields, for apply, whose merge builds on it. */
function withoutManagedFields(obj: KObject | undefined): KObject | undefined {
  if (!obj) return undefined;
  const copy = structuredClone(obj);
  if (copy.metadata) delete copy.metadata.managedFields;
  return copy;
}

function copyManagers(managers: Managers): Managers {
  return new Map([...managers].map(([k, m]) => [k, { entry: { ...m.entry }, set: m.set.clone() }]));
}

const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * kubectl's server-side apply keeps a client-side last-applied-configuration up to date, so that
 * going back to client-side apply works (the last-applied updater).
 */
function updateLastApplied(live: KObject | undefined, applied: KObject, config: Record<string, unknown>, manager: string): void {
  if (manager !== 'kubectl' || !live?.metadata?.annotations?.[lastAppliedAnnotation] || !applied.metadata?.annotations?.[lastAppliedAnnotation]) return;
  const copy = structuredClone(config) as KObject;
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations[lastAppliedAnnotation];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  applied.metadata.annotations[lastAppliedAnnotation] = JSON.stringify(copy) + '\n';
}
