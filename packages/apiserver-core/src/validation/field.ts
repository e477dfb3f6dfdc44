/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field renders them, so that
 * `kubectl` prints the same "is invalid" messages as against kube-apiserver.
 */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

const omitValue = Symbol('omitValue');

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
  ) {}

  errorBody(): string {
    let s = typeText[this.type];
    const showsValue = ['FieldValueNotFound', 'FieldValueDuplicate', 'FieldValueInvalid', 'FieldValueNotSupported', 'FieldValueTypeInvalid', 'FieldValueTooMany'];
    if (showsValue.includes(this.type) && this.badValue !== omitValue) s += `: ${renderValue(this.badValue)}`;
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return this.field ? `${this.field}: ${this.errorBody()}` : this.errorBody();
  }
}

/**
 * A bad value shown as kube-apiserver prints it when that is not JSON: Go renders typed lists and
 * structs with %#v (`[]networking.IngressRule(nil)`), and clients match those messages.
 */
export class GoValue {
  constructor(readonly text: string) {}
}

function renderValue(v: unknown): string {
  if (v instanceof GoValue) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export type ErrorList = FieldError[];

/** A field path: `metadata.labels[app]`, `spec.containers[0].name`. */
export class Path {
  private constructor(private readonly text: string) {}

  static root(name: string): Path {
    return new Path(name);
  }

  child(name: string, ...more: string[]): Path {
    const base = this.text ? `${this.text}.${name}` : name;
    const p = new Path(base);
    return more.length ? p.child(more[0], ...more.slice(1)) : p;
  }

  index(i: number): Path {
    return new Path(`${this.text}[${i}]`);
  }

  key(k: string): Path {
    return new Path(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

export const field = {
  required: (p: Path, detail = '') => new FieldError('FieldValueRequired', String(p), '', detail),
  invalid: (p: Path, value: unknown, detail: string) => new FieldError('FieldValueInvalid', String(p), value, detail),
  duplicate: (p: Path, value: unknown) => new FieldError('FieldValueDuplicate', String(p), value, ''),
  notFound: (p: Path, value: unknown) => new FieldError('FieldValueNotFound', String(p), value, ''),
  forbidden: (p: Path, detail: string) => new FieldError('FieldValueForbidden', String(p), '', detail),
  tooLong: (p: Path, value: unknown, max: number) => new FieldError('FieldValueTooLong', String(p), value, `may not be more than ${max} bytes`),
  tooMany: (p: Path, actual: number, max: number) => new FieldError('FieldValueTooMany', String(p), actual, `must have at most ${max} items`),
  notSupported: (p: Path, value: unknown, valid: string[]) =>
    new FieldError('FieldValueNotSupported', String(p), value, valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : ''),
  internal: (p: Path, err: Error) => new FieldError('InternalError', String(p), '', err.message),
  typeInvalid: (p: Path, value: unknown, detail: string) => new FieldError('FieldValueTypeInvalid', String(p), value, detail),
  omitValue,
};
