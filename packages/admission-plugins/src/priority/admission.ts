import {
  handlesOperations,
  isGetter,
  isStatusError,
  newAdmissionForbidden,
  type AdmissionPlugin,
  type Attributes,
  type KObject,
  type MutationInterface,
  type RequestContext,
  type StorageLookup,
  type ValidationInterface,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';
import { listClusterObjects } from '../util/cluster-objects';

interface PriorityClass extends KObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

interface PodSpec {
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const schedulingGroup = 'scheduling.k8s.io';

/**
 * Priority (plugin/pkg/admission/priority): a pod created without a class gets the global default
 * class (or priority 0), one naming a class gets its value and preemption policy — a value or policy
 * the pod states that differs is refused; and at most one PriorityClass may be the global default.
 * Without scheduling.k8s.io served there are no classes: pods get priority 0.
 */
export class Priority implements MutationInterface, ValidationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE', 'UPDATE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (a.operation !== 'CREATE' || a.resource.group !== '' || a.resource.resource !== 'pods' || a.subresource !== '' || !a.object) return;
    const spec = (a.object.spec ??= {}) as PodSpec;
    let priority = 0;
    let preemptionPolicy: string | undefined;
    if (!spec.priorityClassName) {
      const def = await this.defaultClass();
      if (def) {
        spec.priorityClassName = def.metadata?.name;
        priority = def.value ?? 0;
        preemptionPolicy = def.preemptionPolicy;
      }
    } else {
      const pc = await this.getClass(spec.priorityClassName);
      if (!pc) throw newAdmissionForbidden(a, `no PriorityClass with name ${spec.priorityClassName} was found`);
      priority = pc.value ?? 0;
      preemptionPolicy = pc.preemptionPolicy;
    }
    if (spec.priority != null && spec.priority !== priority) {
      throw newAdmissionForbidden(
        a,
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
      );
    }
    spec.priority = priority;
    if (preemptionPolicy) {
      if (spec.preemptionPolicy && spec.preemptionPolicy !== preemptionPolicy) {
        throw newAdmissionForbidden(
          a,
          `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`,
        );
      }
      spec.preemptionPolicy = preemptionPolicy;
    }
  }

  /** validatePriorityClass: a second global default would leave classless pods two candidate priorities. */
  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (a.resource.group !== schedulingGroup || a.resource.resource !== 'priorityclasses' || a.subresource !== '' || !a.object) return;
    const pc = a.object as PriorityClass;
    if (!pc.globalDefault) return;
    const def = await this.defaultClass();
    if (def && def.metadata?.name !== pc.metadata?.name) {
      throw newAdmissionForbidden(a, `PriorityClass ${def.metadata?.name} is already marked as default. Only one default can exist`);
    }
  }

  /** getDefaultPriorityClass: of the classes marked globalDefault, the one with the lowest value (a race may leave several). */
  private async defaultClass(): Promise<PriorityClass | undefined> {
    const classes = (await listClusterObjects(this.lookup, { group: schedulingGroup, resource: 'priorityclasses' })) as PriorityClass[];
    const defaults = classes.filter((c) => c.globalDefault);
    defaults.sort((x, y) => (x.value ?? 0) - (y.value ?? 0));
    return defaults[0];
  }

  private async getClass(name: string): Promise<PriorityClass | undefined> {
    const classes = this.lookup?.({ group: schedulingGroup, resource: 'priorityclasses' });
    if (!classes || !isGetter(classes)) return undefined;
    return (await classes.get({}, name, {}).catch((err: unknown) => {
      if (isStatusError(err) && err.code === 404) return undefined;
      throw err;
    })) as PriorityClass | undefined;
  }
}

export const priorityPlugin: AdmissionPlugin = { name: 'Priority', newPlugin: () => new Priority() };
