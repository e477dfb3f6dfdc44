import type { KObject } from '@kapi/apiserver-core';
import { webhooksOf, type Webhook } from './types';

/**
 * admissionregistration/v1 defaults (SetDefaults_ValidatingWebhook, _MutatingWebhook, _Rule,
 * _ServiceReference): a webhook that says nothing fails closed, matches equivalent versions,
 * every namespace and object, waits 10 s, and is not reinvoked.
 */
export function setWebhookDefaults(obj: KObject, mutating: boolean): void {
  for (const hook of webhooksOf(obj as { webhooks?: unknown })) setDefaults(hook, mutating);
}

function setDefaults(hook: Webhook, mutating: boolean): void {
  hook.failurePolicy ??= 'Fail';
  hook.matchPolicy ??= 'Equivalent';
  hook.namespaceSelector ??= {};
  hook.objectSelector ??= {};
  hook.timeoutSeconds ??= 10;
  if (mutating) hook.reinvocationPolicy ??= 'Never';
  for (const rule of hook.rules ?? []) rule.scope ??= '*';
  if (hook.clientConfig?.service) hook.clientConfig.service.port ??= 443;
}
