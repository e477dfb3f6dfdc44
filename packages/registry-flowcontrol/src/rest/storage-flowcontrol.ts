import { newRESTStorageProviderFor, type GroupDefinition, type Storage } from '@kapi/apiserver-core';
import { ensureFlowControlConfiguration } from '../bootstrap/ensure';
import { flowSchemaDefinition } from '../flowschema/definition';
import { priorityLevelDefinition } from '../prioritylevelconfiguration/definition';

/** kube's hook keeps trying for up to five minutes; a server that cannot write its own storage for 30s is not starting. */
const ensureTimeoutMs = 30_000;
const retryIntervalMs = 250;

/** The post-start hook of kube's flowcontrol RESTStorageProvider, minus its once-a-minute re-run. */
async function producePriorityAndFairnessConfiguration(storage: Record<string, Record<string, Storage>>): Promise<void> {
  const flowSchemas = storage.v1?.flowschemas;
  const priorityLevels = storage.v1?.prioritylevelconfigurations;
  // --runtime-config may have turned either resource off: then there is nothing to configure.
  if (!flowSchemas || !priorityLevels) return;
  const deadline = Date.now() + ensureTimeoutMs;
  for (;;) {
    try {
      return await ensureFlowControlConfiguration(flowSchemas, priorityLevels);
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((r) => setTimeout(r, retryIntervalMs).unref());
    }
  }
}

/** flowcontrol.apiserver.k8s.io/v1, the one version kube-apiserver 1.32 serves by default. */
export const flowcontrolGroup: GroupDefinition = {
  group: 'flowcontrol.apiserver.k8s.io',
  versions: ['v1'],
  resources: [flowSchemaDefinition, priorityLevelDefinition],
  postStartHooks: [{ name: 'priority-and-fairness-config-producer', hook: producePriorityAndFairnessConfiguration }],
};

/** A provider per server: its post-start hook writes through the storage that server installed. */
export function newFlowcontrolRESTStorageProvider() {
  return newRESTStorageProviderFor(flowcontrolGroup);
}
