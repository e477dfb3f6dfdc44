import { newBadRequest } from '../api/errors';
import { isQualifiedName, isValidLabelValue } from '../validation/names';

/**
 * Label selector of k8s.io/apimachinery/pkg/labels: `a=b,c!=d,e in (x,y),f notin (z),g,!h,n>5`.
 * 'gt'/'lt' compare integers (`n>5`, `n<5`), as the Go parser allows.
 */
export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Labels = Record<string, string> | undefined;

export class LabelSelector {
  constructor(readonly requirements: Requirement[]) {}

  static everything(): LabelSelector {
    return new LabelSelector([]);
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    return this.requirements.every((r) => matchRequirement(r, labels ?? {}));
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

function matchRequirement(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case '=':
    case 'in':
      return has && r.values.includes(labels[r.key]);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(labels[r.key]);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(labels[r.key])) return false;
      const have = Number(labels[r.key]);
      const want = Number(r.values[0]);
      return r.operator === 'gt' ? have > want : have < want;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0]}`;
  }
}

type Token = 'end' | 'id' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'error';

interface Scanned {
  tok: Token;
  lit: string;
}

const symbolTokens = new Set(['(', ')', ',', '!', '=', '==', '!=', '>', '<']);
const isSpecial = (ch: string) => '=!(),><'.includes(ch);
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

/** The selector lexer: identifiers run until a space or one of `=!(),><`; symbols are matched longest first. */
function lex(s: string): Scanned[] {
  const out: Scanned[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i >= s.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    if (isSpecial(s[i])) {
      let best: Scanned | undefined;
      let buf = '';
      let j = i;
      while (j < s.length && isSpecial(s[j])) {
        buf += s[j];
        if (symbolTokens.has(buf)) best = { tok: buf as Token, lit: buf };
        else if (best) break;
        j++;
      }
      if (!best) {
        out.push({ tok: 'error', lit: `error expected: keyword found '${buf}'` });
        i = j;
        continue;
      }
      out.push(best);
      i += best.lit.length;
      continue;
    }
    let j = i;
    while (j < s.length && !isSpace(s[j]) && !isSpecial(s[j])) j++;
    const word = s.slice(i, j);
    out.push({ tok: word === 'in' || word === 'notin' ? word : 'id', lit: word });
    i = j;
  }
}

const binaryOperators = 'in, notin, =, ==, !=, gt, lt';

/** The selector parser of k8s.io/apimachinery/pkg/labels, with its error messages. */
class Parser {
  private pos = 0;
  constructor(private readonly items: Scanned[]) {}

  /** In value context the keywords in/notin are plain identifiers. */
  private peek(values = true): Scanned {
    const it = this.items[Math.min(this.pos, this.items.length - 1)];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private next(values = true): Scanned {
    const it = this.peek(values);
    if (this.pos < this.items.length - 1) this.pos++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === 'end') return reqs;
      if (tok !== 'id' && tok !== '!') throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (err) {
        throw new Error(`unable to parse requirement: ${(err as Error).message}`);
      }
      const after = this.next();
      if (after.tok === 'end') return reqs;
      if (after.tok !== ',') throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek();
      if (t2.tok !== 'id' && t2.tok !== '!') throw new Error(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let negated = false;
    let t = this.next();
    if (t.tok === '!') {
      negated = true;
      t = this.next();
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new Error(`<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
    const ahead = this.peek().tok;
    if (negated || ahead === 'end' || ahead === ',') return newRequirement(key, negated ? '!' : 'exists', []);
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, op, [...new Set(values)].sort());
  }

  private operator(): Operator {
    const { tok, lit } = this.next(false);
    switch (tok) {
      case 'in':
      case 'notin':
      case '=':
      case '!=':
        return tok;
      case '==':
        return '=';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new Error(`found '${lit}', expected: ${binaryOperators}`);
    }
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const first = this.peek();
    if (first.tok === ')') {
      this.next();
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',') throw new Error(`found '${first.lit}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    const close = this.next();
    if (close.tok !== ')') throw new Error(`found '${first.lit}', expected: ')'`);
    return values;
  }

  private identifiers(): string[] {
    const values: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.tok === 'id') {
        values.push(t.lit);
        const t2 = this.peek();
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return values;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      }
      if (t.tok === ',') {
        // "(,", ",)" and ",," stand for empty values.
        if (values.length === 0) values.push('');
        const t2 = this.peek();
        if (t2.tok === ')') {
          values.push('');
          return values;
        }
        if (t2.tok === ',') {
          this.next();
          values.push('');
        }
        continue;
      }
      throw new Error(`found '${t.lit}', expected: ',', or identifier`);
    }
  }

  private exactValue(): string[] {
    const ahead = this.peek();
    if (ahead.tok === 'end' || ahead.tok === ',') return [''];
    const t = this.next();
    if (t.tok === 'id') return [t.lit];
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

/** NewRequirement: the operator's value rules and label value syntax, as aggregated field errors. */
function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const errs: string[] = [];
  const show = (v: string[]) => `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    errs.push(`values: Invalid value: ${show(values)}: for 'in', 'notin' operators, values set can't be empty`);
  }
  if (operator === 'gt' || operator === 'lt') {
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) errs.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
    });
  }
  values.forEach((v, i) => {
    const bad = isValidLabelValue(v);
    if (bad.length) errs.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${bad.join('; ')}`);
  });
  if (errs.length === 1) throw new Error(errs[0]);
  if (errs.length > 1) throw new Error(`[${errs.join(', ')}]`);
  return { key, operator, values };
}

/** labels.Parse: requirements sorted by key; a malformed selector is a 400 with the parser's message. */
export function parseLabelSelector(selector: string | undefined): LabelSelector {
  if (!selector || !selector.trim()) return LabelSelector.everything();
  let reqs: Requirement[];
  try {
    reqs = new Parser(lex(selector)).parse();
  } catch (err) {
    throw newBadRequest((err as Error).message);
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new LabelSelector(reqs);
}
