import type { Attributes } from '../../../attributes';
import type { StorageLookup } from '../../../initializer';
import { objectSelectorMatches, ruleMatches } from '../../webhook/matching';
import { namespaceSelectorMatches } from '../../webhook/source';
import type { MatchResources, NamedRuleWithOperations } from './types';

/**
 * matching.Matcher.Matches: a policy's matchConstraints or a binding's matchResources against a
 * request — namespace and object selectors, then excludeResourceRules, then resourceRules (an
 * empty list matches everything; a binding without matchResources matches what its policy does).
 */
export async function matchResourcesMatch(lookup: StorageLookup | undefined, mr: MatchResources | undefined, a: Attributes): Promise<boolean> {
  if (!mr) return true;
  if (!objectSelectorMatches(mr.objectSelector, a)) return false;
  if (!(await namespaceSelectorMatches(lookup, mr.namespaceSelector, a))) return false;
  if (matchesResourceRules(mr.excludeResourceRules ?? [], a)) return false;
  if (!mr.resourceRules?.length) return true;
  return matchesResourceRules(mr.resourceRules, a);
}

/**
 * A rule matches on operation, group, version, resource and scope, then on resourceNames when it
 * lists any. kapi serves each resource in one version, so matchPolicy Equivalent finds nothing
 * beyond the exact match (kube would also try the resource's other group-versions).
 */
function matchesResourceRules(rules: readonly NamedRuleWithOperations[], a: Attributes): boolean {
  return rules.some((r) => ruleMatches(r, a) && (!r.resourceNames?.length || r.resourceNames.includes(a.name)));
}
