/**
 * A set of field paths, as structured-merge-diff's fieldpath.Set: a tree whose edges are path
 * elements written the way FieldsV1 writes them — `f:<field>`, `k:<json of the key fields>`
 * (associative list item), `v:<json value>` (set item), `i:<index>` — and whose nodes may
 * themselves be members (FieldsV1's `".": {}`).
 */
export type PathElement = string;
export type FieldPath = PathElement[];

/** FieldsV1 as stored in managedFields[].fieldsV1. */
export type FieldsV1 = { [key: string]: FieldsV1 };

export class FieldSet {
  readonly members = new Set<PathElement>();
  readonly children = new Map<PathElement, FieldSet>();

  static of(...paths: FieldPath[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: FieldPath): void {
    if (path.length === 0) return;
    let node: FieldSet = this;
    for (const pe of path.slice(0, -1)) node = node.child(pe);
    node.members.add(path[path.length - 1]);
  }

  has(path: FieldPath): boolean {
    let node: FieldSet | undefined = this;
    for (const pe of path.slice(0, -1)) node = node?.children.get(pe);
    return !!node && node.members.has(path[path.length - 1]);
  }

  /** The subtree below one path element (WithPrefix), empty when absent. */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(pe) ?? new FieldSet();
  }

  empty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    for (const m of other.members) out.members.add(m);
    for (const [pe, c] of other.children) out.children.set(pe, out.children.has(pe) ? out.children.get(pe)!.union(c) : c.clone());
    return out;
  }

  /** Members of this set not in other, compared path by path (fieldpath.Set.Difference). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const d = other.children.has(pe) ? c.difference(other.children.get(pe)!) : c.clone();
      if (!d.empty()) out.children.set(pe, d);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const o = other.children.get(pe);
      if (!o) continue;
      const i = c.intersection(o);
      if (!i.empty()) out.children.set(pe, i);
    }
    return out;
  }

  /** Every member path: this level's members first, then each child's (fieldpath.Set.Iterate). */
  paths(prefix: FieldPath = []): FieldPath[] {
    const out: FieldPath[] = [...this.members].sort(comparePathElements).map((m) => [...prefix, m]);
    for (const pe of [...this.children.keys()].sort(comparePathElements)) out.push(...this.children.get(pe)!.paths([...prefix, pe]));
    return out;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [pe, c] of this.children) out.children.set(pe, c.clone());
    return out;
  }

  /** The FieldsV1 form: one key per element, `".": {}` where a node with children is a member. */
  toFieldsV1(): FieldsV1 {
    return this.nonEmptyFieldsV1() ?? {};
  }

  /**
   * toFieldsV1 in one bottom-up pass, undefined for an empty subtree: each child is encoded once and
   * its emptiness falls out of that, where asking every child `empty()` (itself a walk) before
   * encoding it walked each subtree once per level above it.
   */
  private nonEmptyFieldsV1(): FieldsV1 | undefined {
    const keys: PathElement[] = [...this.members];
    const encoded = new Map<PathElement, FieldsV1>();
    for (const [pe, c] of this.children) {
      const sub = c.nonEmptyFieldsV1();
      if (sub === undefined) continue;
      encoded.set(pe, sub);
      if (!this.members.has(pe)) keys.push(pe);
    }
    if (keys.length === 0) return undefined;
    const out: FieldsV1 = {};
    for (const pe of keys.sort(comparePathElements)) {
      const sub = encoded.get(pe);
      out[pe] = sub === undefined ? {} : this.members.has(pe) ? { '.': {}, ...sub } : sub;
    }
    return out;
  }

  static fromFieldsV1(fields: unknown): FieldSet {
    const out = new FieldSet();
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return out;
    for (const [pe, sub] of Object.entries(fields as Record<string, unknown>)) {
      if (pe === '.') continue;
      const subKeys = sub && typeof sub === 'object' ? Object.keys(sub) : [];
      if (subKeys.length === 0 || subKeys.includes('.')) out.members.add(pe);
      const child = FieldSet.fromFieldsV1(sub);
      if (!child.empty()) out.children.set(pe, child);
    }
    return out;
  }

  private child(pe: PathElement): FieldSet {
    let c = this.children.get(pe);
    if (!c) this.children.set(pe, (c = new FieldSet()));
    return c;
  }
}

const kindOrder: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Field names, then keys, then values, then indexes (PathElement.Compare); alphabetical within a kind. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const ka = kindOrder[a[0]] ?? 4;
  const kb = kindOrder[b[0]] ?? 4;
  if (ka !== kb) return ka - kb;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with sorted object keys, so equal values make equal path elements. */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A path as structured-merge-diff prints it in conflicts: `.spec.containers[name="nginx"].image`. */
export function pathString(path: FieldPath): string {
  return path
    .map((pe) => {
      const body = pe.slice(2);
      switch (pe[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.keys(key)
            .sort()
            .map((k) => `${k}=${valueString(key[k])}`)
            .join(',')}]`;
        }
        case 'v':
          return `[=${valueString(JSON.parse(body))}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}

function valueString(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : canonicalJSON(v);
}
