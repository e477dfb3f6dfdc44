import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { PodDisruptionBudgetClient, PodDisruptionBudgetClientLookup } from './pod/disruption-budgets';
import { LegacyRESTStorageProvider } from './rest/storage-core';

/** The legacy core group as a plugin: bind its RESTStorageProvider. */
export const registryCoreModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).to(LegacyRESTStorageProvider).inSingletonScope();
  // pods/eviction asks for the budgets a policy group module may bind, whichever loads first.
  bind(PodDisruptionBudgetClientLookup).toDynamicValue(
    ({ container }): PodDisruptionBudgetClientLookup =>
      () =>
        container.isBound(PodDisruptionBudgetClient) ? container.get<PodDisruptionBudgetClient>(PodDisruptionBudgetClient) : undefined,
  );
});

export default registryCoreModule;
