import { atoi } from '../common/go-atoi';

/**
 * The interval list of an Indexed Job ("1,3-5,7"): succeededIndexes of a success policy,
 * completedIndexes and failedIndexes of the status. Returns how many indexes it names, or kube's
 * parse error.
 */
export function parseIndexes(text: string, completions: number): { total: number } | { error: string } {
  if (text === '') return { total: 0 };
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const parsed = parseInterval(interval, completions);
    if ('error' in parsed) return parsed;
    const [x, y] = parsed.range;
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}` };
    total += y - x + 1;
    last = y;
  }
  return { total };
}

function parseInterval(interval: string, completions: number): { range: [number, number] } | { error: string } {
  const limits = interval.split('-');
  if (limits.length > 2) {
    return { error: `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'` };
  }
  const bounds: number[] = [];
  for (const limit of limits) {
    const n = atoi(limit);
    if (n === undefined) return { error: `cannot convert string to integer for index: ${JSON.stringify(limit)}` };
    if (n >= completions) return { error: `too large index: ${JSON.stringify(limit)}` };
    bounds.push(n);
  }
  const [x, y = x] = bounds;
  if (limits.length > 1 && x >= y) return { error: `non-increasing order, previous: ${x}, current: ${y}` };
  return { range: [x, y] };
}

/** The intervals of a list that parse, in order (kube's overlap check steps over the ones that do not). */
function validIntervals(text: string, completions: number): [number, number][] {
  if (text === '') return [];
  return text.split(',').flatMap((interval) => {
    const parsed = parseInterval(interval, completions);
    return 'range' in parsed ? [parsed.range] : [];
  });
}

/** The first index two sorted lists share (failedIndexes against completedIndexes), if any. */
export function firstOverlap(a: string, b: string, completions: number): number | undefined {
  const xs = validIntervals(a, completions);
  const ys = validIntervals(b, completions);
  let i = 0;
  let j = 0;
  while (i < xs.length && j < ys.length) {
    const [ax, ay] = xs[i];
    const [bx, by] = ys[j];
    if (ax <= by && bx <= ay) return Math.max(ax, bx);
    if (ax <= bx) i++;
    else j++;
  }
  return undefined;
}
