import { newRESTStorageProviderFor, type APIGroupInfo, type APIResourceConfigSource, type RESTOptionsGetter, type RESTStorageProvider } from '@kapi/apiserver-core';
import { podDisruptionBudgetDefinition } from '../poddisruptionbudget/definition';
import type { StorePodDisruptionBudgetClient } from '../poddisruptionbudget/disruption-budget-client';

export const policyGroup = {
  group: 'policy',
  versions: ['v1'],
  resources: [podDisruptionBudgetDefinition],
};

/**
 * policy/v1 (pkg/registry/policy/rest/storage_policy.go): the defined group, whose installed
 * poddisruptionbudgets storage is handed to the client pods/eviction consults.
 */
export class PolicyRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = policyGroup.group;
  private readonly defined = newRESTStorageProviderFor(policyGroup);

  constructor(private readonly budgets: StorePodDisruptionBudgetClient) {}

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const info = this.defined.newRESTStorage(source, getter);
    const v1 = info.versionedResourcesStorageMap.v1 ?? {};
    if (v1.poddisruptionbudgets && v1['poddisruptionbudgets/status']) this.budgets.attach(v1.poddisruptionbudgets, v1['poddisruptionbudgets/status']);
    return info;
  }
}
