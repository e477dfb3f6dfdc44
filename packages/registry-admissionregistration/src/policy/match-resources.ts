import { field, type ErrorList, type Path } from '@kapi/apiserver-core';
import { validateLabelSelector } from '@kapi/registry-apps';
import { validateRuleWithOperations } from '../webhook/rules';
import type { RuleWithOperations, Webhook } from '../webhook/types';

/** admissionregistration/v1 MatchResources (policies' matchConstraints, bindings' matchResources). */
export interface MatchResources {
  matchPolicy?: string;
  namespaceSelector?: Webhook['namespaceSelector'];
  objectSelector?: Webhook['objectSelector'];
  resourceRules?: (RuleWithOperations & { resourceNames?: string[] })[];
  excludeResourceRules?: (RuleWithOperations & { resourceNames?: string[] })[];
}

const supportedMatchPolicies = ['Equivalent', 'Exact'];

/** SetDefaults_MatchResources and the rules' scope. */
export function setMatchResourcesDefaults(mc: MatchResources | undefined): void {
  if (!mc) return;
  mc.matchPolicy ??= 'Equivalent';
  mc.namespaceSelector ??= {};
  mc.objectSelector ??= {};
  for (const r of [...(mc.resourceRules ?? []), ...(mc.excludeResourceRules ?? [])]) r.scope ??= '*';
}

/** validateMatchResources. */
export function validateMatchResources(mc: MatchResources | undefined, path: Path): ErrorList {
  if (!mc) return [];
  const errs: ErrorList = [];
  if (mc.matchPolicy === undefined) errs.push(field.required(path.child('matchPolicy')));
  else if (!supportedMatchPolicies.includes(mc.matchPolicy)) errs.push(field.notSupported(path.child('matchPolicy'), mc.matchPolicy, supportedMatchPolicies));
  if (!mc.namespaceSelector) errs.push(field.required(path.child('namespaceSelector')));
  else errs.push(...validateLabelSelector(mc.namespaceSelector, path.child('namespaceSelector')));
  if (!mc.objectSelector) errs.push(field.required(path.child('objectSelector')));
  else errs.push(...validateLabelSelector(mc.objectSelector, path.child('objectSelector')));
  (mc.resourceRules ?? []).forEach((r, i) => errs.push(...validateRuleWithOperations(r, path.child('resourceRules').index(i))));
  (mc.excludeResourceRules ?? []).forEach((r, i) => errs.push(...validateRuleWithOperations(r, path.child('excludeResourceRules').index(i))));
  return errs;
}
