import { Path } from '../validation/field';

/**
 * Where a value sits while a schema walks an object, kept as a cheap linked list and only rendered when an error is
 * reported. Two renderings exist because kube has two: kube-openapi names a value `spec.ports[0].name` and a map
 * value `spec.labels.app` (its messages say "spec.labels.app in body …"), while field.Path writes map keys as `[app]`.
 */
export class Segment {
  private constructor(
    readonly up: Segment | undefined,
    readonly kind: 'field' | 'key' | 'index',
    readonly name: string | number,
  ) {}

  static readonly root: Segment | undefined = undefined;

  static field(up: Segment | undefined, name: string): Segment {
    return new Segment(up, 'field', name);
  }

  static key(up: Segment | undefined, key: string): Segment {
    return new Segment(up, 'key', key);
  }

  static index(up: Segment | undefined, i: number): Segment {
    return new Segment(up, 'index', i);
  }
}

/** kube-openapi's name of the value: `spec.items[0].name`, `` for the root. */
export function openAPIName(seg: Segment | undefined): string {
  if (!seg) return '';
  const up = openAPIName(seg.up);
  if (seg.kind === 'index') return `${up}[${seg.name}]`;
  return up ? `${up}.${seg.name}` : String(seg.name);
}

/** The field path of the value below `base`: `spec.labels[app]`. */
export function fieldPathOf(base: Path, seg: Segment | undefined): Path {
  if (!seg) return base;
  const up = fieldPathOf(base, seg.up);
  if (seg.kind === 'index') return up.index(seg.name as number);
  if (seg.kind === 'key') return up.key(seg.name as string);
  return up.child(seg.name as string);
}

/**
 * kube validates a custom resource with a nil field path, which its errors print as `<nil>` for a problem of the object
 * itself (a failed rule at the root: `<nil>: Invalid value: "object": …`); children of it print normally (`spec.x`).
 */
export const nilPath = Path.root('<nil>');

/** `path`, or `<nil>` when it is the empty root. */
export function orNil(path: Path): Path {
  return String(path) ? path : nilPath;
}

/** The path kube-openapi errors are reported at: the base path, then the value's name as one more child. */
export function openAPIFieldPath(base: Path, seg: Segment | undefined): Path {
  const name = openAPIName(seg);
  return name ? base.child(name) : orNil(base);
}
