import { readFileSync } from 'node:fs';
import { jsYaml } from '../util/yaml';
import { field, Path, type ErrorList } from '../validation/field';
import { isDNS1123Subdomain } from '../validation/names';
import { auditGroupVersion, levels, stages, type Policy, type PolicyRule } from './types';

/**
 * policy.LoadPolicyFromFile: an audit.k8s.io/v1 Policy in YAML or JSON. Any error (unreadable,
 * undecodable, wrong kind, invalid rules, no rules) stops kube-apiserver at start-up, so it throws.
 */
export function loadPolicyFromFile(filePath: string): Policy {
  if (!filePath) throw new Error('file path not specified');
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (err) {
    throw new Error(`failed to read file path "${filePath}": ${(err as Error).message}`);
  }
  try {
    return loadPolicyFromBytes(text);
  } catch (err) {
    throw new Error(`${(err as Error).message}: from file ${filePath}`);
  }
}

export function loadPolicyFromBytes(text: string): Policy {
  let decoded: unknown;
  try {
    decoded = jsYaml().load(text);
  } catch (err) {
    throw new Error(`failed decoding: ${(err as Error).message}`);
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) throw new Error('failed decoding: the policy must be an object');
  const obj = decoded as Record<string, unknown>;
  if (!obj.kind) throw new Error(`failed decoding: Object 'Kind' is missing in '${text.trim().slice(0, 200)}'`);
  // audit.k8s.io/v1beta1 and v1alpha1 are no longer served by kube-apiserver 1.32: only v1 decodes.
  if (obj.apiVersion !== auditGroupVersion || obj.kind !== 'Policy') {
    throw new Error(`failed decoding: no kind "${String(obj.kind)}" is registered for version "${String(obj.apiVersion ?? '')}" in scheme`);
  }
  const policy = { ...obj, rules: obj.rules ?? [] } as Policy;
  if (!Array.isArray(policy.rules)) throw new Error('failed decoding: rules must be a list');
  const errs = validatePolicy(policy);
  if (errs.length === 1) throw new Error(errs[0].toString());
  if (errs.length > 1) throw new Error(`[${errs.map(String).join(', ')}]`);
  if (policy.rules.length === 0) throw new Error('loaded illegal policy with 0 rules');
  return policy;
}

/** validation.ValidatePolicy: levels, stages, non-resource URL wildcards, resource groups. */
export function validatePolicy(policy: Policy): ErrorList {
  const errs: ErrorList = validateOmitStages(policy.omitStages, Path.root('omitStages'));
  policy.rules.forEach((rule, i) => errs.push(...validatePolicyRule(rule ?? ({} as PolicyRule), Path.root('rules').index(i))));
  return errs;
}

function validatePolicyRule(rule: PolicyRule, p: Path): ErrorList {
  const errs: ErrorList = [];
  if (!rule.level) errs.push(field.required(p.child('level')));
  else if (!levels.includes(rule.level)) errs.push(field.notSupported(p.child('level'), rule.level, [...levels]));
  (rule.nonResourceURLs ?? []).forEach((url, i) => {
    if (url === '*') return;
    if (!url.startsWith('/')) errs.push(field.invalid(p.child('nonResourceURLs').index(i), url, "non-resource URL rules must begin with a '/' character"));
    if (url !== '' && url.slice(0, -1).includes('*')) {
      errs.push(field.invalid(p.child('nonResourceURLs').index(i), url, "non-resource URL wildcards '*' must be the final character of the rule"));
    }
  });
  for (const gr of rule.resources ?? []) {
    if (gr.group) {
      const msgs = isDNS1123Subdomain(gr.group);
      if (msgs.length) errs.push(field.invalid(p.child('resources', 'group'), gr.group, msgs.join(',')));
    }
    if ((gr.resourceNames ?? []).length > 0 && (gr.resources ?? []).length === 0) {
      errs.push(field.invalid(p.child('resources', 'resourceNames'), gr.resourceNames, 'using resourceNames requires at least one resource'));
    }
  }
  errs.push(...validateOmitStages(rule.omitStages, p.child('omitStages')));
  if ((rule.nonResourceURLs ?? []).length > 0 && ((rule.resources ?? []).length > 0 || (rule.namespaces ?? []).length > 0)) {
    errs.push(field.invalid(p.child('nonResourceURLs'), rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
  }
  return errs;
}

function validateOmitStages(omit: string[] | undefined, p: Path): ErrorList {
  return (omit ?? [])
    .filter((s) => !(stages as readonly string[]).includes(s))
    .map((s) => field.invalid(p.index((omit ?? []).indexOf(s)), s, `allowed stages are ${stages.join(',')}`));
}
