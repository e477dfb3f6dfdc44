import { newBadRequest } from '../api/errors';

/** Label selector of k8s.io/apimachinery/pkg/labels: `a=b,c!=d,e in (x,y),f notin (z),g,!h`. */
export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!';

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
    default:
      return `${r.key}${r.operator}${r.values[0]}`;
  }
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const setTerm = /^\s*([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)\s*$/;
const eqTerm = /^\s*([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)\s*$/;
const existsTerm = /^\s*(!?)\s*([^\s!=(),]+)\s*$/;

export function parseLabelSelector(selector: string | undefined): LabelSelector {
  if (!selector || !selector.trim()) return LabelSelector.everything();
  const reqs = splitTerms(selector).map(parseTerm(selector));
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new LabelSelector(reqs);
}

function parseTerm(selector: string) {
  return (term: string): Requirement => {
    let m = setTerm.exec(term);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim()).filter((v) => v !== '');
      return { key: m[1], operator: m[2] as Operator, values };
    }
    m = eqTerm.exec(term);
    if (m) return { key: m[1], operator: m[2] === '!=' ? '!=' : '=', values: [m[3]] };
    m = existsTerm.exec(term);
    if (m) return { key: m[2], operator: m[1] ? '!' : 'exists', values: [] };
    throw newBadRequest(`unable to parse requirement: found '${term.trim()}' in label selector "${selector}"`);
  };
}
