export * from './types';
export { compilePolicy, policyExpressionErrors, type CompiledPolicy, type ExpressionError } from './compile';
export { validatingAdmissionPolicyPlugin, ValidatingAdmissionPolicyPlugin } from './plugin';
