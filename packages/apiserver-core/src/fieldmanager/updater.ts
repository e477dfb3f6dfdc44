import { StatusError } from '../api/errors';
import type { SchemaObject } from '../schema/types';
import { FieldSet, pathString, type FieldPath } from './field-set';
import { printManager, type ManagedFieldsEntry, type Managers } from './managed-fields';
import type { Comparison, StructuredMerge } from './structured-merge';

/** One field another manager owns that a write changes (merge.Conflict). */
export interface Conflict {
  manager: string;
  path: FieldPath;
}

/**
 * The 409 of an apply that would change fields other managers own, worded as kube-apiserver's
 * (NewConflictError): one cause per field, reason FieldManagerConflict.
 */
export class ApplyConflictError extends StatusError {
  constructor(readonly conflicts: Conflict[]) {
    super(409, 'Conflict', conflictMessage(conflicts), {
      causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) })),
    });
  }
}

function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), pathString(c.path)]);
  const lines: string[] = [];
  for (const m of [...byManager.keys()].sort()) lines.push(`conflicts with ${printManager(m)}:`, ...byManager.get(m)!.map((p) => `- ${p}`));
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/**
 * merge.Updater (the REST verb interface is also named Updater): who owns what after a write. Update takes every changed field for its manager,
 * from whoever held it; Apply merges the configuration, drops what the applier no longer applies
 * and nobody else owns, and refuses (unless forced) to change fields other managers own.
 */
export class MergeUpdater {
  constructor(
    private readonly sm: StructuredMerge,
    private readonly schema: SchemaObject | undefined,
    /** Fields outside this endpoint's reach (status on the main resource), never owned through it. */
    private readonly ignored: FieldSet = new FieldSet(),
  ) {}

  /** The object's comparison, and every other manager losing what changed (or, unforced, the conflicts). */
  private transfer(live: unknown, next: unknown, managers: Managers, workflow: string, force: boolean): Comparison {
    const c = this.sm.compare(live, next, this.schema);
    const compare: Comparison = { added: without(c.added, this.ignored), modified: without(c.modified, this.ignored), removed: without(c.removed, this.ignored) };
    const changed = compare.modified.union(compare.added);
    const conflicts: Conflict[] = [];
    for (const [id, m] of managers) {
      if (id === workflow) continue;
      const clash = m.set.intersection(changed);
      if (!clash.empty()) conflicts.push(...clash.paths().map((path) => ({ manager: id, path })));
    }
    if (!force && conflicts.length) throw new ApplyConflictError(conflicts);
    for (const [id, m] of managers) {
      if (id === workflow) continue;
      m.set = m.set.difference(changed).difference(compare.removed);
      if (m.set.empty()) managers.delete(id);
    }
    return compare;
  }

  /** An update (create, PUT, non-apply PATCH): true when the manager's fields changed. */
  update(live: unknown, next: unknown, managers: Managers, workflow: string, template: ManagerTemplate): boolean {
    const compare = this.transfer(live, next, managers, workflow, true);
    if (compare.added.empty() && compare.modified.empty() && compare.removed.empty()) return false;
    const own = managers.get(workflow) ?? { entry: template(), set: new FieldSet() };
    own.set = own.set.union(compare.modified).union(compare.added).difference(compare.removed);
    own.entry = template();
    if (own.set.empty()) managers.delete(workflow);
    else managers.set(workflow, own);
    return true;
  }

  /** An apply: the merged object (undefined when nothing changes). */
  apply(live: unknown, config: unknown, managers: Managers, workflow: string, template: ManagerTemplate, force: boolean): unknown {
    const merged = this.sm.merge(live, config, this.schema);
    const last = managers.get(workflow)?.set;
    managers.set(workflow, { entry: template(), set: without(this.sm.toFieldSet(config, this.schema), this.ignored) });
    const pruned = this.prune(merged, managers, last);
    this.transfer(live, pruned, managers, workflow, force);
    return pruned;
  }

  /** What the applier applied last time, no longer applies and nobody else owns, goes. */
  private prune(merged: unknown, managers: Managers, last: FieldSet | undefined): unknown {
    if (!last || last.empty()) return merged;
    let owned = new FieldSet();
    for (const m of managers.values()) owned = owned.union(m.set);
    const gone = this.sm.withNamedFields(last, this.schema).difference(this.sm.withNamedFields(owned, this.schema));
    return this.sm.removeItems(merged, gone, this.schema) ?? {};
  }
}

/** Builds the entry (manager, operation, apiVersion, time, subresource) of the writing manager. */
export type ManagerTemplate = () => ManagedFieldsEntry;

/** The set without the ignored paths and everything below them (RecursiveDifference). */
function without(set: FieldSet, ignored: FieldSet): FieldSet {
  if (ignored.empty()) return set;
  const out = new FieldSet();
  for (const m of set.members) if (!ignored.members.has(m)) out.members.add(m);
  for (const [pe, c] of set.children) {
    if (ignored.members.has(pe)) continue;
    const kept = ignored.children.has(pe) ? without(c, ignored.children.get(pe)!) : c;
    if (!kept.empty()) out.children.set(pe, kept);
  }
  return out;
}
