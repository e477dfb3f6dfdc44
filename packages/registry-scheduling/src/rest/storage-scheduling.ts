import { DefinedGroupRESTStorageProvider, defineGroup, isStatusError, retrying, type Store } from '@kapi/apiserver-core';
import { priorityClassDefinition } from '../priorityclass/definition';
import { systemPriorityClasses } from '../priorityclass/system-classes';

/** How long the bootstrap hook keeps trying (kube's polls for 30s). */
const bootstrapTimeoutMs = 30_000;
const retryDelayMs = 1_000;

/**
 * scheduling.k8s.io/v1 (pkg/registry/scheduling/rest): priorityclasses, and the
 * scheduling/bootstrap-system-priority-classes post-start hook that creates the system classes
 * when they are missing.
 */
export class SchedulingRESTStorageProvider extends DefinedGroupRESTStorageProvider {
  constructor() {
    super(
      defineGroup({
        group: 'scheduling.k8s.io',
        versions: ['v1'],
        resources: [priorityClassDefinition],
        postStartHooks: [{ name: 'scheduling/bootstrap-system-priority-classes', hook: (storage) => bootstrap(storage.v1?.priorityclasses as Store | undefined) }],
      }),
    );
  }
}

/** Creates what is missing; an existing class (even one changed by hand) is left as it is, as kube does. */
async function bootstrap(store: Store | undefined): Promise<void> {
  if (!store) return;
  await retrying(
    async () => {
      for (const pc of systemPriorityClasses) await ensureExists(store, pc);
    },
    bootstrapTimeoutMs,
    retryDelayMs,
  ).catch((err: unknown) => {
    throw new Error(`unable to add default system priority classes: ${err instanceof Error ? err.message : String(err)}`);
  });
}

async function ensureExists(store: Store, pc: (typeof systemPriorityClasses)[number]): Promise<void> {
  const name = pc.metadata!.name!;
  try {
    await store.get({}, name);
  } catch (err) {
    if (!isStatusError(err) || err.code !== 404) throw err;
    await store.create({}, structuredClone(pc), undefined, {}).catch((e: unknown) => {
      if (!isStatusError(e) || e.code !== 409) throw e;
    });
  }
}
