/**
 * The one marked boundary for `any` (see docs/lint-and-format.md): a decoded JSON object read field by field, as kube's
 * unstructured.Unstructured is. Code that walks arbitrary client JSON (validation, conversion, table columns, tests reading
 * responses) types it as J instead of declaring its own `any`; the linter refuses `any` everywhere else.
 */
// biome-ignore lint/suspicious/noExplicitAny: this alias is the boundary itself; every other `any` is refused.
export type J = Record<string, any>;
