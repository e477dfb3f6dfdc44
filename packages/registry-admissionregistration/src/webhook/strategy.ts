import type { KObject, StrategyHooks } from '@kapi/apiserver-core';
import { setWebhookDefaults } from './defaults';
import { validateWebhookConfiguration } from './validation';
import { semanticEqual } from '@kapi/apiserver-core';

/** The generation counts changes of `webhooks` (these kinds have no spec), as kube's strategies do. */
function bumpGenerationOnWebhooksChange(obj: KObject, old: KObject): void {
  const webhooks = (o: KObject) => (o as { webhooks?: unknown }).webhooks ?? null;
  const generation = old.metadata?.generation ?? 1;
  obj.metadata = { ...obj.metadata, generation: semanticEqual(webhooks(obj), webhooks(old)) ? generation : generation + 1 };
}

/**
 * The strategy of both webhook configurations (pkg/registry/admissionregistration/*webhookconfiguration):
 * v1 defaults, then the configuration's validation on create and update.
 */
export function webhookConfigurationStrategy(mutating: boolean): StrategyHooks {
  return {
    prepareForCreate: (_ctx, obj) => {
      obj.metadata = { ...obj.metadata, generation: 1 };
      setWebhookDefaults(obj, mutating);
    },
    prepareForUpdate: (_ctx, obj, old) => {
      setWebhookDefaults(obj, mutating);
      bumpGenerationOnWebhooksChange(obj, old);
    },
    validate: (_ctx, obj) => validateWebhookConfiguration(obj, mutating),
    validateUpdate: (_ctx, obj) => validateWebhookConfiguration(obj, mutating),
  };
}
