import { compile, CompileError, EvaluationError, newEnvironment, PerCallLimit, type CELEnvironment, type Program } from '../cel';
import { celModule } from '../cel/engine';
import { field, type ErrorList, type FieldError, type Path } from '../validation/field';
import { celTypeOf } from './cel-types';
import { orNil } from './field-segments';
import { normalizeRuleFieldPath } from './rule-field-path';
import type { JSONSchemaProps, ValidationRule } from './types';

/** One `x-kubernetes-validations` rule, compiled when the schema is. */
export interface CompiledRule {
  readonly rule: ValidationRule;
  readonly program?: Program;
  readonly compileError?: string;
  readonly messageProgram?: Program;
  readonly messageError?: string;
  /** A transition rule: it reads oldSelf, so it runs only on updates where an old value correlates. */
  readonly usesOldSelf: boolean;
  readonly fieldPath?: string;
  readonly fieldPathError?: string;
}

let selfEnv: CELEnvironment | undefined;
let optionalOldSelfEnv: CELEnvironment | undefined;

/** `self` and `oldSelf` are dynamically typed; the rule's schema types the values bound to them (see cel-values.ts). */
function envFor(rule: ValidationRule): CELEnvironment {
  if (rule.optionalOldSelf) return (optionalOldSelfEnv ??= newEnvironment({ self: 'dyn', oldSelf: 'optional<dyn>' }));
  return (selfEnv ??= newEnvironment({ self: 'dyn', oldSelf: 'dyn' }));
}

export function compileRules(s: JSONSchemaProps, isResourceRoot: boolean): CompiledRule[] {
  const rules = s['x-kubernetes-validations'] ?? [];
  if (!rules.length) return [];
  const typed = typedEnvironments(s, isResourceRoot);
  return rules.map((rule) => compileRule(rule, s, typed(!!rule.optionalOldSelf)));
}

/**
 * Environments where `self` has the node's schema type, to type-check rules as kube does (`self.replicas + "a"` is a
 * compile error). Programs still run in the dyn environment: the values bound are plain JSON, not typed objects.
 */
function typedEnvironments(s: JSONSchemaProps, isResourceRoot: boolean): (optionalOldSelf: boolean) => CELEnvironment {
  const { type, types } = celTypeOf(s, isResourceRoot);
  const shape = JSON.stringify([type, types]);
  return (optional) => {
    // Nodes of the same shape (the items of many lists, say) share one environment: building one costs more than a rule.
    const key = `${optional}${shape}`;
    let env = typedEnvCache.get(key);
    if (!env) {
      if (typedEnvCache.size >= 500) typedEnvCache.clear();
      typedEnvCache.set(key, (env = newEnvironment({ self: type, oldSelf: optional ? `optional<${type}>` : type }, types)));
    }
    return env;
  };
}

const typedEnvCache = new Map<string, CELEnvironment>();

function compileRule(rule: ValidationRule, s: JSONSchemaProps, typed: CELEnvironment): CompiledRule {
  const env = envFor(rule);
  const out: { -readonly [K in keyof CompiledRule]: CompiledRule[K] } = { rule, usesOldSelf: false };
  try {
    out.program = compile(rule.rule, env, { resultType: 'bool', costLimit: PerCallLimit });
    out.usesOldSelf = out.program.variablesUsed.has('oldSelf');
    compile(rule.rule, typed, { resultType: 'bool' });
  } catch (err) {
    out.program = undefined;
    out.compileError = err instanceof CompileError ? err.message : String(err);
  }
  if (rule.messageExpression) {
    try {
      out.messageProgram = compile(rule.messageExpression, env, { resultType: 'string' });
      compile(rule.messageExpression, typed, { resultType: 'string' });
    } catch (err) {
      out.messageProgram = undefined;
      const msg = err instanceof CompileError ? err.message : String(err);
      out.messageError = msg
        .replace(/^compilation failed/, 'messageExpression compilation failed')
        .replace(/^cel expression must evaluate to a string$/, 'messageExpression must evaluate to a string');
    }
  }
  if (rule.fieldPath) {
    const n = normalizeRuleFieldPath(rule.fieldPath, s);
    out.fieldPath = n.path;
    out.fieldPathError = n.error;
  }
  return out;
}

/** What is left of the per-object cost budget, shared by every rule of one object. */
export interface Budget {
  remaining: number;
  exhausted: boolean;
}

const trimmed = (s: string) => s.trim();
const ruleErrorString = (r: ValidationRule) => trimmed(r.message || r.rule);

/**
 * Runs the rules of one schema node against its value (`self`) and, on update, the correlated old value (`oldSelf`),
 * reporting failures as kube-apiserver does: at the node, or at the rule's fieldPath, with its reason and message.
 */
export function evaluateRules(
  rules: CompiledRule[],
  path: Path,
  typeName: string,
  self: unknown,
  oldSelf: unknown,
  hasOld: boolean,
  unchanged: boolean,
  budget: Budget,
  errs: ErrorList,
): void {
  const here = orNil(path);
  for (const r of rules) {
    if (budget.exhausted) return;
    if (unchanged && r.program && !r.usesOldSelf) continue;
    if (!r.program) {
      errs.push(field.invalid(here, typeName, `rule compile error: ${r.compileError}`));
      continue;
    }
    if (r.usesOldSelf && !hasOld && !r.rule.optionalOldSelf) continue;
    const activation = { self, oldSelf: r.rule.optionalOldSelf ? (hasOld ? celModule().Optional.of(oldSelf) : celModule().Optional.none()) : oldSelf };
    const limit = Math.min(PerCallLimit, budget.remaining);
    let value: unknown;
    try {
      const res = r.program.evaluate(activation, { costLimit: limit });
      budget.remaining -= res.cost;
      value = res.value;
    } catch (err) {
      if (!(err instanceof EvaluationError)) throw err;
      if (err.costExceeded) {
        budget.exhausted = true;
        errs.push(
          limit < PerCallLimit
            ? field.invalid(here, typeName, 'validation failed due to running out of cost budget, no further validation rules will be run')
            : field.invalid(here, typeName, `'${err.message}': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleErrorString(r.rule)}`),
        );
        return;
      }
      const text = err.message.startsWith('found no matching overload')
        ? `'${err.message.replace(/^found /, '')}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(r.rule)}`
        : `${err.message} evaluating rule: ${ruleErrorString(r.rule)}`;
      errs.push(field.invalid(here, typeName, text));
      continue;
    }
    if (value === true) continue;
    const at = r.fieldPath ? path.child(r.fieldPath) : here;
    errs.push(errorForReason(r.rule.reason, at, typeName, message(r, activation, budget)));
  }
}

function message(r: CompiledRule, activation: Record<string, unknown>, budget: Budget): string {
  const fallback = r.rule.message ? trimmed(r.rule.message) : `failed rule: ${ruleErrorString(r.rule)}`;
  if (!r.messageProgram) return fallback;
  try {
    const res = r.messageProgram.evaluate(activation, { costLimit: Math.min(PerCallLimit, budget.remaining) });
    budget.remaining -= res.cost;
    const text = typeof res.value === 'string' ? res.value.trim() : '';
    // kube falls back to the static message when the expression yields nothing usable.
    return text && !text.includes('\n') && text.length <= 5000 ? text : fallback;
  } catch {
    return fallback;
  }
}

function errorForReason(reason: string | undefined, path: Path, value: string, detail: string): FieldError {
  switch (reason) {
    case 'FieldValueForbidden':
      return field.forbidden(path, detail);
    case 'FieldValueRequired':
      return field.required(path, detail);
    case 'FieldValueDuplicate':
      return field.duplicate(path, value);
    default:
      return field.invalid(path, value, detail);
  }
}
