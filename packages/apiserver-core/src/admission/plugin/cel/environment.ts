import { compile, CompileError, newEnvironment, type CELEnvironment, type Program } from '../../../cel';
import { registerAuthz } from './authz';

/**
 * The variables admission expressions see (k8s.io/apiserver/pkg/admission/plugin/cel): the object and the
 * stored one, the AdmissionRequest, the binding's params, the namespace, the policy's variables. All are
 * plain JSON bound at evaluation time, so they are declared dyn.
 */
export const admissionVariables = {
  object: 'dyn',
  oldObject: 'dyn',
  request: 'dyn',
  params: 'dyn',
  namespaceObject: 'dyn',
  variables: 'map<string, dyn>',
} as const;

/** Webhook matchConditions see no params, namespace or variables (kube's matchconditions environment). */
export const matchConditionVariables = { object: 'dyn', oldObject: 'dyn', request: 'dyn' } as const;

let policyEnv: CELEnvironment | undefined;
let conditionEnv: CELEnvironment | undefined;

export function policyEnvironment(): CELEnvironment {
  return (policyEnv ??= withAuthorizer(newEnvironment({ ...admissionVariables })));
}

export function matchConditionEnvironment(): CELEnvironment {
  return (conditionEnv ??= withAuthorizer(newEnvironment({ ...matchConditionVariables })));
}

function withAuthorizer(env: CELEnvironment): CELEnvironment {
  registerAuthz(env.env);
  env.env.registerVariable('authorizer', 'Authorizer');
  return env;
}

/** What one expression compiled to: a program, or kube's compile error text. */
export interface CompiledExpression {
  readonly expression: string;
  readonly program?: Program;
  readonly error?: string;
}

/**
 * Compiles one expression and checks its result type as kube's admission compiler does: the type
 * check reports `must evaluate to bool but got int`, not the CRD rule wording.
 */
export function compileExpression(expression: string, env: CELEnvironment, resultType?: 'bool' | 'string'): CompiledExpression {
  try {
    const program = compile(expression, env);
    if (resultType && program.resultType !== resultType && program.resultType !== 'dyn') {
      return { expression, error: `must evaluate to ${resultType} but got ${program.resultType}` };
    }
    return { expression, program };
  } catch (err) {
    return { expression, error: err instanceof CompileError ? err.message : String(err) };
  }
}
