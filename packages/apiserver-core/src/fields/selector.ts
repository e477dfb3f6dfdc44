import { newBadRequest } from '../api/errors';

/** Field selector of k8s.io/apimachinery/pkg/fields: `metadata.name=x,spec.nodeName!=y`. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export type Fields = Record<string, string>;

export class FieldSelector {
  constructor(readonly requirements: FieldRequirement[]) {}

  static everything(): FieldSelector {
    return new FieldSelector([]);
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(fields: Fields): boolean {
    return this.requirements.every((r) => (fields[r.field] === r.value) === (r.operator === '='));
  }

  /** The value an exact `field=value` requirement pins, used by indexes and trigger functions. */
  requiresExactMatch(fieldName: string): string | undefined {
    return this.requirements.find((r) => r.field === fieldName && r.operator === '=')?.value;
  }

  /** The selector as a client writes it, values escaped (EscapeValue), so parsing it gives this selector back. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
  }
}

/** EscapeValue: `\\`, `,` and `=` in a value get a backslash. */
function escapeValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Splits on commas that a backslash does not escape. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const termOperators = ['!=', '==', '='] as const;

/** The first operator in the term splits it; no trimming, as the Go parser. */
function splitTerm(term: string): [string, (typeof termOperators)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
  }
  return undefined;
}

/** UnescapeValue: `\\`, `\,` and `\=` stand for themselves; bare `,`/`=` and other escapes are errors. */
function unescapeValue(s: string): string {
  let out = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') throw newBadRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      escaped = false;
    } else if (c === '\\') escaped = true;
    else if (c === ',' || c === '=') throw newBadRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (escaped) throw newBadRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.ParseSelector: `field=value`, `field==value`, `field!=value`, comma-separated, terms sorted. */
export function parseFieldSelector(selector: string | undefined): FieldSelector {
  if (!selector) return FieldSelector.everything();
  const reqs: FieldRequirement[] = [];
  for (const part of splitTerms(selector).sort()) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (!term) throw newBadRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, value] = term;
    reqs.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(value) });
  }
  return new FieldSelector(reqs);
}
