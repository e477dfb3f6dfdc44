import { newRESTStorageProviderFor, retrying, type DefinedGroupRESTStorageProvider, type GroupDefinition, type Storage } from '@kapi/apiserver-core';
import { ensureFlowControlConfiguration } from '../bootstrap/ensure';
import { flowSchemaDefinition } from '../flowschema/definition';
import { priorityLevelDefinition } from '../prioritylevelconfiguration/definition';

/** kube's hook keeps trying for up to five minutes; a server that cannot write its own storage for 30s is not starting. */
const ensureTimeoutMs = 30_000;

/** The post-start hook of kube's flowcontrol RESTStorageProvider (its once-a-minute re-run is FlowControlConfigurationProducer). */
async function producePriorityAndFairnessConfiguration(storage: Record<string, Record<string, Storage>>): Promise<void> {
  const flowSchemas = storage.v1?.flowschemas;
  const priorityLevels = storage.v1?.prioritylevelconfigurations;
  // --runtime-config may have turned either resource off: then there is nothing to configure.
  if (!flowSchemas || !priorityLevels) return;
  await retrying(() => ensureFlowControlConfiguration(flowSchemas, priorityLevels), ensureTimeoutMs);
}

/** flowcontrol.apiserver.k8s.io/v1, the one version kube-apiserver 1.32 serves by default. */
export const flowcontrolGroup: GroupDefinition = {
  group: 'flowcontrol.apiserver.k8s.io',
  versions: ['v1'],
  resources: [flowSchemaDefinition, priorityLevelDefinition],
  postStartHooks: [{ name: 'priority-and-fairness-config-producer', hook: producePriorityAndFairnessConfiguration }],
};

/** A provider per server: its post-start hook writes through the storage that server installed. */
export function newFlowcontrolRESTStorageProvider(): DefinedGroupRESTStorageProvider {
  return newRESTStorageProviderFor(flowcontrolGroup);
}
