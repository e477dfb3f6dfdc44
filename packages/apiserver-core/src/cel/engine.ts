/**
 * The one place that loads the CEL implementation (@marcbachmann/cel-js). It is an ES module; kapi is CommonJS, and Node
 * (>= 20.19) loads it synchronously through require, which keeps compile() and evaluate() synchronous as kube's are.
 */
// An import type rather than `import type … with {…}`: the same ESM resolution for tsc, in a form the linter parses.
export type CelModule = typeof import('@marcbachmann/cel-js', { with: { 'resolution-mode': 'import' }});
export type CelEnvironment = import('@marcbachmann/cel-js', { with: { 'resolution-mode': 'import' }}).Environment;
export type CelASTNode = import('@marcbachmann/cel-js', { with: { 'resolution-mode': 'import' }}).ASTNode;

let loaded: CelModule | undefined;

/**
 * The CEL module, required on first use: only a CEL rule, policy or match condition needs it, and a server with
 * none of them (the common start) should not pay for loading it (~30 ms of start-up's module loading).
 */
export function celModule(): CelModule {
  return (loaded ??= require('@marcbachmann/cel-js') as CelModule);
}
