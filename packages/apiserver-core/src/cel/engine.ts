/**
 * The one place that loads the CEL implementation (@marcbachmann/cel-js). It is an ES module; kapi is CommonJS, and Node
 * (>= 20.19) loads it synchronously through require, which keeps compile() and evaluate() synchronous as kube's are.
 */
import type * as celjs from '@marcbachmann/cel-js' with { 'resolution-mode': 'import' };

export type CelModule = typeof celjs;
export type CelEnvironment = celjs.Environment;
export type CelASTNode = celjs.ASTNode;

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const cel: CelModule = require('@marcbachmann/cel-js');
