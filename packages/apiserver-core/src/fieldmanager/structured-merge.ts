import type { SchemaObject } from '../schema/types';
import { semanticEqual } from '../api/equality/semantic';
import { FieldSet, type FieldPath, type PathElement } from './field-set';
import { isObject, listItemElement, type Shape, type TypeShapes } from './type-shape';

/**
 * The structured-merge-diff operations server-side apply is made of, walking a value and its
 * schema together: the set of fields a value sets (ToFieldSet), the difference of two values
 * (Compare), the merge of an applied configuration into a live object (Merge) and the removal of
 * a set of fields (RemoveItems). Values are plain JSON; `undefined` means "absent".
 */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

type ListShape = Extract<Shape, { kind: 'list' }>;

export class StructuredMerge {
  constructor(private readonly shapes: TypeShapes) {}

  /** Every field the value sets: leaves, atomic nodes, list items, map entries (typed.ToFieldSet). */
  toFieldSet(value: unknown, schema: SchemaObject | undefined): FieldSet {
    const set = new FieldSet();
    this.collect(value, schema, [], set);
    return set;
  }

  private collect(value: unknown, schema: SchemaObject | undefined, path: FieldPath, set: FieldSet): void {
    const shape = this.shapeOf(schema, value);
    if (shape.kind === 'list') {
      if (shape.listType === 'atomic') return set.insert(path);
      (Array.isArray(value) ? value : []).forEach((item, i) => {
        const p = [...path, listItemElement(this.shapes, shape, item, i)];
        this.collect(item, shape.items, p, set);
        set.insert(p);
      });
      return;
    }
    if (shape.kind === 'struct' || shape.kind === 'map') {
      if (shape.atomic) return set.insert(path);
      if (!isObject(value)) return;
      for (const [k, v] of Object.entries(value)) {
        const f = this.shapes.field(shape, k);
        const p = [...path, `f:${k}`];
        this.collect(v, f.schema, p, set);
        if (!f.named) set.insert(p);
      }
      return;
    }
    if (path.length) set.insert(path);
  }

  /** What changed from lhs to rhs, leaf by leaf; a new list item or map is itself added (typed.Compare). */
  compare(lhs: unknown, rhs: unknown, schema: SchemaObject | undefined): Comparison {
    const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
    this.diff(lhs, rhs, schema, [], c, false);
    return c;
  }

  private diff(lhs: unknown, rhs: unknown, schema: SchemaObject | undefined, path: FieldPath, c: Comparison, requiredField: boolean): void {
    if (lhs === undefined && rhs === undefined) return;
    const shape = this.shapeOf(schema, rhs ?? lhs);
    const leaf = (): void => {
      if (!path.length) return;
      if (lhs === undefined) c.added.insert(path);
      else if (rhs === undefined) c.removed.insert(path);
      else if (!semanticEqual(lhs, rhs)) c.modified.insert(path);
    };
    const emptyish = (v: unknown) => v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : isObject(v) && Object.keys(v).length === 0);
    if (
      shape.kind === 'scalar' ||
      shape.kind === 'deduced' ||
      (shape.kind === 'list' && shape.listType === 'atomic') ||
      ('atomic' in shape && shape.atomic) ||
      (emptyish(lhs) && emptyish(rhs))
    ) {
      return leaf();
    }
    // A node that appears or goes is itself added or removed, except a struct or a field Go always
    // serialises (a required one): those exist, zero-valued, in any object of the kind.
    if (path.length && shape.kind !== 'struct' && !requiredField) {
      if (lhs === undefined) c.added.insert(path);
      else if (rhs === undefined) c.removed.insert(path);
    }
    if (shape.kind === 'list') {
      const l = this.index(shape, lhs);
      const r = this.index(shape, rhs);
      for (const pe of new Set([...l.keys(), ...r.keys()])) this.diff(l.get(pe), r.get(pe), shape.items, [...path, pe], c, false);
      return;
    }
    const lm = isObject(lhs) ? lhs : {};
    const rm = isObject(rhs) ? rhs : {};
    for (const k of new Set([...Object.keys(lm), ...Object.keys(rm)])) {
      const f = this.shapes.field(shape, k);
      this.diff(lm[k], rm[k], f.schema, [...path, `f:${k}`], c, shape.kind === 'struct' && shape.required.has(k));
    }
  }

  /** The applied configuration merged into the live object: the configuration wins where both set a field. */
  merge(lhs: unknown, rhs: unknown, schema: SchemaObject | undefined): unknown {
    if (rhs === undefined) return lhs;
    if (lhs === undefined || lhs === null || rhs === null) return rhs;
    const shape = this.shapeOf(schema, rhs);
    if (shape.kind === 'list') {
      if (shape.listType === 'atomic' || !Array.isArray(lhs) || !Array.isArray(rhs)) return rhs;
      return this.mergeList(shape, lhs, rhs);
    }
    if ((shape.kind === 'struct' || shape.kind === 'map' || shape.kind === 'deduced') && isObject(lhs) && isObject(rhs)) {
      if ('atomic' in shape && shape.atomic) return rhs;
      const out: Record<string, unknown> = { ...lhs };
      for (const [k, v] of Object.entries(rhs)) out[k] = this.merge(lhs[k], v, this.shapes.field(shape, k).schema);
      return out;
    }
    return rhs;
  }

  /**
   * Associative lists merge item by item; items of both keep the configuration's order, live
   * items the configuration does not name stay where they were (the merge walker's list order).
   */
  private mergeList(shape: ListShape, lhs: unknown[], rhs: unknown[]): unknown[] {
    const l = this.index(shape, lhs);
    const r = this.index(shape, rhs);
    const lOrder = [...l.keys()];
    const rOrder = [...r.keys()];
    const shared = rOrder.filter((pe) => l.has(pe));
    const out: unknown[] = [];
    let li = 0;
    let ri = 0;
    while (li < lOrder.length || ri < rOrder.length) {
      if (li < lOrder.length && ri < rOrder.length && lOrder[li] === rOrder[ri]) {
        out.push(this.merge(l.get(lOrder[li]), r.get(rOrder[ri]), shape.items));
        shared.shift();
        li++;
        ri++;
        continue;
      }
      if (li < lOrder.length && r.has(lOrder[li]) && shared.length && shared[0] !== lOrder[li]) {
        li++;
        continue;
      }
      if (li < lOrder.length && !r.has(lOrder[li])) {
        out.push(l.get(lOrder[li]));
        li++;
        continue;
      }
      if (ri < rOrder.length) {
        const pe = rOrder[ri];
        out.push(this.merge(l.get(pe), r.get(pe), shape.items));
        if (shared[0] === pe) shared.shift();
        ri++;
        continue;
      }
      li++;
    }
    return out;
  }

  /** The value without the fields of `set`: members go with everything below them (typed.RemoveItems). */
  removeItems(value: unknown, set: FieldSet, schema: SchemaObject | undefined): unknown {
    if (set.empty()) return value;
    const shape = this.shapeOf(schema, value);
    if (shape.kind === 'list') {
      if (shape.listType === 'atomic' || !Array.isArray(value)) return value;
      const out: unknown[] = [];
      value.forEach((item, i) => {
        const pe = listItemElement(this.shapes, shape, item, i);
        if (set.members.has(pe)) return;
        out.push(set.children.has(pe) ? this.removeItems(item, set.withPrefix(pe), shape.items) : item);
      });
      return out.length ? out : undefined;
    }
    if (!isObject(value) || ('atomic' in shape && shape.atomic)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const pe: PathElement = `f:${k}`;
      if (set.members.has(pe)) continue;
      const kept = set.children.has(pe) ? this.removeItems(v, set.withPrefix(pe), this.shapes.field(shape, k).schema) : v;
      if (kept !== undefined) out[k] = kept;
    }
    return Object.keys(out).length ? out : undefined;
  }

  /**
   * The set with every declared struct field on its paths made a member too (EnsureNamedFieldsAreMembers),
   * so removing what an applier gave up takes a struct along when nobody else holds anything in it.
   */
  withNamedFields(set: FieldSet, schema: SchemaObject | undefined): FieldSet {
    const out = new FieldSet();
    for (const m of set.members) out.members.add(m);
    const shape = this.shapes.shape(schema);
    for (const [pe, child] of set.children) {
      let childSchema: SchemaObject | undefined;
      if (pe.startsWith('f:') && (shape.kind === 'struct' || shape.kind === 'map')) {
        const f = this.shapes.field(shape, pe.slice(2));
        childSchema = f.schema;
        if (f.named && shape.kind === 'struct') out.members.add(pe);
      } else if (shape.kind === 'list') childSchema = shape.items;
      out.children.set(pe, this.withNamedFields(child, childSchema));
    }
    return out;
  }

  private index(shape: ListShape, list: unknown): Map<PathElement, unknown> {
    const m = new Map<PathElement, unknown>();
    (Array.isArray(list) ? list : []).forEach((item, i) => {
      const pe = listItemElement(this.shapes, shape, item, i);
      if (!m.has(pe)) m.set(pe, item);
    });
    return m;
  }

  private shapeOf(schema: SchemaObject | undefined, value: unknown): Shape {
    const shape = this.shapes.shape(schema);
    if (shape.kind !== 'deduced') return shape;
    if (Array.isArray(value)) return { kind: 'list', listType: 'atomic', keys: [] };
    if (isObject(value)) return { kind: 'map', atomic: false, schema: {} };
    return { kind: 'scalar' };
  }
}
