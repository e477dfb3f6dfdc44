import type { LabelSelectorSpec, WebhookRule } from '../../webhook/types';

/** The parts of admissionregistration/v1 policies and bindings the plugin reads (the group package validates and defaults them). */
export interface NamedRuleWithOperations extends WebhookRule {
  resourceNames?: string[];
}

export interface MatchResources {
  namespaceSelector?: LabelSelectorSpec;
  objectSelector?: LabelSelectorSpec;
  resourceRules?: NamedRuleWithOperations[];
  excludeResourceRules?: NamedRuleWithOperations[];
  matchPolicy?: 'Exact' | 'Equivalent';
}

export interface Validation {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
}

export interface MatchCondition {
  name: string;
  expression: string;
}

export interface ValidatingAdmissionPolicySpec {
  paramKind?: { apiVersion?: string; kind?: string };
  matchConstraints?: MatchResources;
  validations?: Validation[];
  failurePolicy?: 'Fail' | 'Ignore';
  auditAnnotations?: { key: string; valueExpression: string }[];
  matchConditions?: MatchCondition[];
  variables?: { name: string; expression: string }[];
}

export interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: LabelSelectorSpec;
  parameterNotFoundAction?: 'Allow' | 'Deny';
}

export interface ValidatingAdmissionPolicyBindingSpec {
  policyName?: string;
  paramRef?: ParamRef;
  matchResources?: MatchResources;
  validationActions?: ('Deny' | 'Warn' | 'Audit')[];
}

export interface ValidatingAdmissionPolicy {
  metadata?: { name?: string; uid?: string; resourceVersion?: string; generation?: number };
  spec?: ValidatingAdmissionPolicySpec;
}

export interface ValidatingAdmissionPolicyBinding {
  metadata?: { name?: string; uid?: string; resourceVersion?: string };
  spec?: ValidatingAdmissionPolicyBindingSpec;
}
