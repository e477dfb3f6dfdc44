import { ContainerModule } from 'inversify';
import { bindService, getOptionalService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { PodDisruptionBudgetClientKey, PodDisruptionBudgetClientLookupKey, type PodDisruptionBudgetClientLookup } from './pod/disruption-budgets';
import { LegacyRESTStorageProvider } from './rest/storage-core';

/** The legacy core group as a plugin: bind its RESTStorageProvider. */
export const registryCoreModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).to(LegacyRESTStorageProvider).inSingletonScope();
  // pods/eviction asks for the budgets a policy group module may bind, whichever loads first.
  bindService(bind, PodDisruptionBudgetClientLookupKey).toDynamicValue(
    ({ container }): PodDisruptionBudgetClientLookup =>
      () =>
        getOptionalService(container, PodDisruptionBudgetClientKey),
  );
});

export default registryCoreModule;
