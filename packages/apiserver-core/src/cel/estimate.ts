import type { CelASTNode } from './engine';

/**
 * What the estimator knows of a value: its largest size (list items, map entries, string length) and the shape of its
 * parts. CRD rules build it from the schema (maxItems, maxProperties, maxLength, or what fits in a request).
 */
export interface SizeHint {
  /** Largest number of items/entries (lists, maps) or characters (strings). */
  maxSize?: number;
  /** The hint of a field or map value. */
  child?(name: string): SizeHint | undefined;
  /** The hint of list items (or of map keys, for comprehensions over maps). */
  elements?(): SizeHint | undefined;
}

interface AST {
  op: string;
  args: unknown;
}

const comprehensions = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
/** cel-go weighs string operations by the length they traverse: 0.1 per character. */
const stringFunctions = new Set([
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'find',
  'findAll',
  'indexOf',
  'lastIndexOf',
  'split',
  'replace',
  'lowerAscii',
  'upperAscii',
  'trim',
  'substring',
  'charAt',
  'reverse',
]);
const stringCostFactor = 0.1;

/**
 * A worst-case cost of an expression in the spirit of cel-go's estimator (kube refuses rules whose estimate exceeds
 * StaticEstimatedCostLimit): each node costs one, a comprehension costs its body once per possible element, a string
 * function costs by the longest string it may read. Variables without a size hint are taken as small.
 */
export function estimateCost(root: CelASTNode, variables: Record<string, SizeHint | undefined>): number {
  return cost(root as unknown as AST, new Map(Object.entries(variables)));
}

type Scope = Map<string, SizeHint | undefined>;

function cost(n: AST, scope: Scope): number {
  const a = n.args as unknown[];
  switch (n.op) {
    case 'value':
      return 0;
    case 'id':
      return 1;
    case '.':
    case '.?':
      return 1 + cost(a[0] as AST, scope);
    case 'rcall': {
      const [name, receiver, args] = a as [string, AST, AST[]];
      if (comprehensions.has(name) && args.length >= 2) {
        const range = hintOf(receiver, scope);
        const inner = new Map(scope).set((args[0] as AST).args as string, range?.elements?.());
        const body = args.slice(1).reduce((s, x) => s + cost(x, inner), 0);
        return cost(receiver, scope) + (range?.maxSize ?? 1) * (body + 1);
      }
      const base = 1 + cost(receiver, scope) + args.reduce((s, x) => s + cost(x, scope), 0);
      if (stringFunctions.has(name)) return base + Math.ceil((hintOf(receiver, scope)?.maxSize ?? 1) * stringCostFactor);
      return base;
    }
    case 'call': {
      const [, args] = a as [string, AST[]];
      return 1 + args.reduce((s, x) => s + cost(x, scope), 0);
    }
    default:
      return 1 + children(n).reduce((s, x) => s + cost(x, scope), 0);
  }
}

/** The size hint of an expression that names data: `self`, `self.spec.items`, an iteration variable, `x.name`. */
function hintOf(n: AST, scope: Scope): SizeHint | undefined {
  if (n.op === 'id') return scope.get(n.args as string);
  if (n.op === '.' || n.op === '.?') {
    const [target, fieldName] = n.args as [AST, string];
    return hintOf(target, scope)?.child?.(fieldName);
  }
  if (n.op === '[]') return hintOf((n.args as AST[])[0], scope)?.elements?.();
  return undefined;
}

function children(n: AST): AST[] {
  const out: AST[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object' && 'op' in x) out.push(x as AST);
  };
  visit(n.args);
  return out;
}
