import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { PodDisruptionBudgetClient } from '@kapi/registry-core';
import { StorePodDisruptionBudgetClient } from './poddisruptionbudget/disruption-budget-client';
import { PolicyRESTStorageProvider } from './rest/storage-policy';

/** policy/v1 as a group module: its provider, and the budgets pods/eviction (legacy group) consults through a port. */
export const registryPolicyModule = new ContainerModule((bind) => {
  const budgets = new StorePodDisruptionBudgetClient();
  bind(PodDisruptionBudgetClient).toConstantValue(budgets);
  bind(RESTStorageProvider).toConstantValue(new PolicyRESTStorageProvider(budgets));
});

export default registryPolicyModule;
