import type { Attributes } from '../../../attributes';
import type { EquivalentResourceMapper } from '../../../equivalent-resources';
import type { StorageLookup } from '../../../initializer';
import { objectSelectorMatches, ruleMatches } from '../../webhook/matching';
import { namespaceSelectorMatches } from '../../webhook/source';
import type { MatchResources, NamedRuleWithOperations } from './types';

/**
 * matching.Matcher.Matches: a policy's matchConstraints or a binding's matchResources against a
 * request — namespace and object selectors, then excludeResourceRules, then resourceRules (an
 * empty list matches everything; a binding without matchResources matches what its policy does).
 * The answer is the request as the policy sees it: under matchPolicy Equivalent a rule naming
 * another version of the stored resource matches, and the objects are converted to that version.
 */
export async function matchResources(
  lookup: StorageLookup | undefined,
  mr: MatchResources | undefined,
  a: Attributes,
  equivalents?: EquivalentResourceMapper,
): Promise<Attributes | undefined> {
  if (!mr) return a;
  if (!objectSelectorMatches(mr.objectSelector, a)) return undefined;
  if (!(await namespaceSelectorMatches(lookup, mr.namespaceSelector, a))) return undefined;
  const equivalent = mr.matchPolicy !== 'Exact' ? equivalents : undefined;
  if (matchesResourceRules(mr.excludeResourceRules ?? [], a, equivalent)) return undefined;
  if (!mr.resourceRules?.length) return a;
  return matchesResourceRules(mr.resourceRules, a, equivalent);
}

/** The request (or its conversion to an equivalent version) that a rule matches, by operation, group, version, resource, scope and resourceNames. */
function matchesResourceRules(rules: readonly NamedRuleWithOperations[], a: Attributes, equivalents?: EquivalentResourceMapper): Attributes | undefined {
  const matches = (attrs: Attributes) => rules.some((r) => ruleMatches(r, attrs) && (!r.resourceNames?.length || r.resourceNames.includes(a.name)));
  if (matches(a)) return a;
  if (!equivalents) return undefined;
  const set = equivalents(a.resource);
  const requested = set.find((e) => e.resource.group === a.resource.group && e.resource.version === a.resource.version);
  if (!requested) return undefined;
  for (const eq of set) {
    if (eq === requested) continue;
    const override: Attributes = { ...a, resource: eq.resource, kind: eq.kind };
    if (!matches(override)) continue;
    const convert = (o: Attributes['object']) => o && eq.fromStorage(requested.toStorage(o));
    return { ...override, object: convert(a.object), oldObject: convert(a.oldObject) };
  }
  return undefined;
}
