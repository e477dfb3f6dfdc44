import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { PodDisruptionBudgetClientKey } from '@kapi/registry-core';
import { StorePodDisruptionBudgetClient } from './poddisruptionbudget/disruption-budget-client';
import { PolicyRESTStorageProvider } from './rest/storage-policy';

/** policy/v1 as a group module: its provider, and the budgets pods/eviction (legacy group) consults through a port. */
export const registryPolicyModule = new ContainerModule((bind) => {
  const budgets = new StorePodDisruptionBudgetClient();
  bindService(bind, PodDisruptionBudgetClientKey).toConstantValue(budgets);
  bindService(bind, RESTStorageProviderKey).toConstantValue(new PolicyRESTStorageProvider(budgets));
});

export default registryPolicyModule;
