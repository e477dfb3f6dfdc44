import { newBadRequest } from '../api/errors';

/** The fieldValidation query parameter of create, update and patch. */
export type FieldValidationDirective = 'Strict' | 'Warn' | 'Ignore';

/**
 * fieldValidation from the query. kube-apiserver's default, when the client sends none, is Warn;
 * kubectl sends Strict for `apply`/`create`/`replace` with its default --validate=strict.
 */
export function fieldValidationOf(query: Record<string, unknown>): FieldValidationDirective {
  const v = query.fieldValidation;
  if (v === undefined || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw newBadRequest(`fieldValidation must be one of "Ignore", "Warn" or "Strict", got ${JSON.stringify(v)}`);
}

/** What a request's unknown/duplicate fields become under its directive: an error or warnings. */
export interface FieldValidationResult {
  warnings: string[];
}

/** The directive applied to the unknown fields a pruning found (built-in schemas, or a structural schema's). */
export function applyFieldValidation(
  unknown: string[],
  directive: FieldValidationDirective,
  duplicates: string[] = [],
  errorPrefix = '',
  sortedOrder = false,
): FieldValidationResult {
  if (sortedOrder) unknown.sort(comparePaths);
  const problems = [...duplicates.map((p) => `duplicate field "${p}"`), ...unknown.map((p) => `unknown field "${p}"`)];
  if (problems.length === 0 || directive === 'Ignore') return { warnings: [] };
  if (directive === 'Strict') throw newBadRequest(`${errorPrefix}strict decoding error: ${problems.join(', ')}`);
  return { warnings: problems };
}

/** Orders field paths as a walk over sorted keys visits them (list indices numerically). */
export function comparePaths(a: string, b: string): number {
  const split = (p: string) => p.split(/\.|(?=\[)/);
  const sa = split(a);
  const sb = split(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] === sb[i]) continue;
    const ia = /^\[(\d+)\]$/.exec(sa[i]);
    const ib = /^\[(\d+)\]$/.exec(sb[i]);
    if (ia && ib) return Number(ia[1]) - Number(ib[1]);
    return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}
