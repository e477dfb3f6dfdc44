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

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${r.value}`).join(',');
  }
}

export function parseFieldSelector(selector: string | undefined): FieldSelector {
  if (!selector || !selector.trim()) return FieldSelector.everything();
  const reqs = selector.split(',').map((term): FieldRequirement => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw newBadRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    return { field: m[1], operator: m[2] === '!=' ? '!=' : '=', value: m[3] };
  });
  return new FieldSelector(reqs);
}
