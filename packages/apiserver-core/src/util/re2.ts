import { RE2JS } from 're2js';

/** A compiled RE2 expression: Go's regexp, which kube uses for schema patterns and CEL's matches(). */
export interface RE2Regexp {
  /** regexp.MatchString: whether the expression matches anywhere in s (anchor with ^ and $ for whole strings). */
  test(s: string): boolean;
}

/**
 * regexp.Compile with RE2's syntax (re2js, the pure-JS port of RE2/J): linear-time matching, so a
 * schema pattern like `(a+)+$` cannot stall the server (JS's backtracking RegExp took 25 s on 29
 * characters), and kube's syntax exactly — lookarounds and backreferences are refused with Go's
 * message ("error parsing regexp: invalid or unsupported Perl syntax: `(?=`"). Throws on a bad pattern.
 */
export function compileRE2(pattern: string): RE2Regexp {
  const re = RE2JS.compile(pattern);
  return { test: (s) => re.matcher(s).find() };
}
