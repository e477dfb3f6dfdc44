import { field, isDNS1123Subdomain, Path, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { validateLabelSelector } from '@kapi/registry-apps';
import { validateClientConfig } from './client-config';
import { validateRuleWithOperations } from './rules';
import { webhooksOf, type Webhook } from './types';
import { validateMatchConditions } from '../policy/match-conditions';

const acceptedAdmissionReviewVersions = ['v1', 'v1beta1'];
const supportedFailurePolicies = ['Fail', 'Ignore'];
const supportedMatchPolicies = ['Equivalent', 'Exact'];
/** v1 stores only webhooks without side effects (Unknown and Some are v1beta1's). */
const noSideEffectClasses = ['None', 'NoneOnDryRun'];
const supportedReinvocationPolicies = ['IfNeeded', 'Never'];
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** validateValidatingWebhookConfiguration / validateMutatingWebhookConfiguration (metadata is checked by the store). */
export function validateWebhookConfiguration(obj: KObject, mutating: boolean): ErrorList {
  const errs: ErrorList = [];
  const names = new Set<string>();
  webhooksOf(obj as { webhooks?: unknown }).forEach((hook, i) => {
    const path = Path.root('webhooks').index(i);
    errs.push(...validateWebhook(hook, path, mutating), ...validateAdmissionReviewVersions(hook.admissionReviewVersions ?? [], path.child('admissionReviewVersions')));
    if (hook.name) {
      if (names.has(hook.name)) errs.push(field.duplicate(path.child('name'), hook.name));
      names.add(hook.name);
    }
  });
  return errs;
}

function validateWebhook(hook: Webhook, path: Path, mutating: boolean): ErrorList {
  const errs = isFullyQualifiedName(hook.name ?? '', path.child('name'));
  (hook.rules ?? []).forEach((rule, i) => errs.push(...validateRuleWithOperations(rule, path.child('rules').index(i))));
  if (hook.failurePolicy !== undefined && !supportedFailurePolicies.includes(hook.failurePolicy)) {
    errs.push(field.notSupported(path.child('failurePolicy'), hook.failurePolicy, supportedFailurePolicies));
  }
  if (hook.matchPolicy !== undefined && !supportedMatchPolicies.includes(hook.matchPolicy)) {
    errs.push(field.notSupported(path.child('matchPolicy'), hook.matchPolicy, supportedMatchPolicies));
  }
  if (hook.sideEffects === undefined) errs.push(field.required(path.child('sideEffects'), `must specify one of ${noSideEffectClasses.join(', ')}`));
  else if (!noSideEffectClasses.includes(hook.sideEffects)) errs.push(field.notSupported(path.child('sideEffects'), hook.sideEffects, noSideEffectClasses));
  if (hook.timeoutSeconds !== undefined && (hook.timeoutSeconds > 30 || hook.timeoutSeconds < 1)) {
    errs.push(field.invalid(path.child('timeoutSeconds'), hook.timeoutSeconds, 'the timeout value must be between 1 and 30 seconds'));
  }
  if (hook.namespaceSelector) errs.push(...validateLabelSelector(hook.namespaceSelector, path.child('namespaceSelector')));
  if (hook.objectSelector) errs.push(...validateLabelSelector(hook.objectSelector, path.child('objectSelector')));
  if (mutating && hook.reinvocationPolicy !== undefined && !supportedReinvocationPolicies.includes(hook.reinvocationPolicy)) {
    errs.push(field.notSupported(path.child('reinvocationPolicy'), hook.reinvocationPolicy, supportedReinvocationPolicies));
  }
  errs.push(...validateClientConfig(hook.clientConfig, path.child('clientConfig')));
  errs.push(...validateMatchConditions(hook.matchConditions ?? [], path.child('matchConditions'), false));
  return errs;
}

/** utilvalidation.IsFullyQualifiedName: a DNS subdomain of at least three segments. */
function isFullyQualifiedName(name: string, path: Path): ErrorList {
  if (!name) return [field.required(path)];
  const msgs = isDNS1123Subdomain(name);
  if (msgs.length) return [field.invalid(path, name, msgs.join(','))];
  if (name.split('.').length < 3) return [field.invalid(path, name, 'should be a domain with at least three segments separated by dots')];
  return [];
}

function validateAdmissionReviewVersions(versions: string[], path: Path): ErrorList {
  if (versions.length < 1) return [field.required(path, `must specify one of ${acceptedAdmissionReviewVersions.join(', ')}`)];
  const errs: ErrorList = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errs.push(field.invalid(path.index(i), v, 'duplicate version'));
      return;
    }
    seen.add(v);
    if (v.length > 63) errs.push(field.invalid(path.index(i), v, 'must be no more than 63 characters'));
    if (!dns1035Label.test(v)) {
      errs.push(
        field.invalid(
          path.index(i),
          v,
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ),
      );
    }
  });
  if (!versions.some((v) => acceptedAdmissionReviewVersions.includes(v))) {
    errs.push(field.invalid(path, versions, `must include at least one of ${acceptedAdmissionReviewVersions.join(', ')}`));
  }
  return errs;
}
