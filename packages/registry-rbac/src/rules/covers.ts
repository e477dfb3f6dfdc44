import { All, type PolicyRule } from '../common/types';

/**
 * validation.Covers of pkg/registry/rbac/validation: whether the rules a user holds cover the rules
 * they ask to grant. Requested rules are broken down to one verb on one resource (or URL) each, so
 * a grant is covered when every piece is covered by some held rule.
 */
export function covers(ownerRules: PolicyRule[], requested: PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing: PolicyRule[] = [];
  for (const rule of requested) {
    for (const piece of breakdownRule(rule)) {
      if (!ownerRules.some((owner) => ruleCovers(owner, piece))) missing.push(piece);
    }
  }
  return { covered: missing.length === 0, missing };
}

/** BreakdownRule: one rule per group × resource × verb (× name), and per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (names.length === 0) out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        else for (const name of names) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

const hasAll = (set: readonly string[], want: readonly string[]): boolean => want.every((w) => set.includes(w));

/** A held "*", an exact match, or a held "*\/sub" for a requested "res/sub". */
function resourceCoversAll(held: readonly string[], want: readonly string[]): boolean {
  if (held.includes(All) || hasAll(held, want)) return true;
  return want.every((path) => {
    if (held.includes(path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && held.includes(`*/${path.slice(slash + 1)}`);
  });
}

function nonResourceURLCovers(held: string, want: string): boolean {
  if (held === want) return true;
  return held.endsWith('*') && want.startsWith(held.slice(0, -1));
}

function nonResourceURLsCoverAll(held: readonly string[], want: readonly string[]): boolean {
  return want.every((w) => held.some((h) => nonResourceURLCovers(h, w)));
}

/** ruleCovers: the held rule grants everything the requested rule does. */
export function ruleCovers(owner: PolicyRule, requested: PolicyRule): boolean {
  const verbs = owner.verbs.includes(All) || hasAll(owner.verbs, requested.verbs);
  const groups = (owner.apiGroups ?? []).includes(All) || hasAll(owner.apiGroups ?? [], requested.apiGroups ?? []);
  const resources = resourceCoversAll(owner.resources ?? [], requested.resources ?? []);
  const urls = nonResourceURLsCoverAll(owner.nonResourceURLs ?? [], requested.nonResourceURLs ?? []);
  const ownerNames = owner.resourceNames ?? [];
  const wantNames = requested.resourceNames ?? [];
  const names = wantNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, wantNames);
  return verbs && groups && resources && names && urls;
}
