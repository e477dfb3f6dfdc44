import {
  ageColumn,
  bumpGenerationOnSpecChange,
  ColumnTableConvertor,
  DefaultStrategy,
  defaultAttrs,
  field,
  keepStatusOnUpdate,
  nameColumn,
  Path,
  type Attrs,
  type ErrorList,
  type KObject,
  type RequestContext,
  type J,
} from '@kapi/apiserver-core';
import { setPodTemplateSpecDefaults } from '../pod/defaults';
import { validatePodTemplateSpec } from '../pod/validation';
import { validateLabelMap, validateNonnegative } from '../validation/common';

/** SetDefaults_ReplicationController: the selector and labels come from the template; one replica. */
export function setReplicationControllerDefaults(obj: KObject): void {
  const spec = (obj.spec ??= {}) as J;
  const labels = spec.template?.metadata?.labels;
  if (labels && !spec.selector) spec.selector = { ...labels };
  if (labels && !obj.metadata?.labels) obj.metadata = { ...obj.metadata, labels: { ...labels } };
  spec.replicas ??= 1;
  spec.minReadySeconds ??= 0;
  setPodTemplateSpecDefaults(spec.template);
}

/** ValidateReplicationController: a selector matching the template's labels, restartPolicy Always. */
export function validateReplicationController(obj: KObject): ErrorList {
  const spec = (obj.spec ?? {}) as J;
  const p = Path.root('spec');
  const errs: ErrorList = [];
  errs.push(...validateNonnegative(spec.replicas, p.child('replicas')));
  errs.push(...validateNonnegative(spec.minReadySeconds, p.child('minReadySeconds')));
  const selector = (spec.selector ?? {}) as Record<string, string>;
  if (Object.keys(selector).length === 0) errs.push(field.required(p.child('selector'), ''));
  errs.push(...validateLabelMap(selector, p.child('selector')));
  if (!spec.template) {
    errs.push(field.required(p.child('template'), ''));
    return errs;
  }
  const labels = (spec.template.metadata?.labels ?? {}) as Record<string, string>;
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
    errs.push(field.invalid(p.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, p.child('template')));
  const restart = spec.template.spec?.restartPolicy;
  if (restart !== undefined && restart !== 'Always') errs.push(field.notSupported(p.child('template', 'spec', 'restartPolicy'), restart, ['Always']));
  return errs;
}

/** pkg/registry/core/replicationcontroller/strategy.go: generation follows spec changes, status its controller. */
export class ReplicationControllerStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'ReplicationController' };
  namespaceScoped(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    setReplicationControllerDefaults(obj);
    obj.status = { replicas: 0 };
    obj.metadata = { ...obj.metadata, generation: 1 };
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    setReplicationControllerDefaults(obj);
    keepStatusOnUpdate(obj, old);
    bumpGenerationOnSpecChange(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateReplicationController(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateReplicationController(obj);
  }
}

/** rcStatusStrategy: /status changes status only. */
export class ReplicationControllerStatusStrategy extends ReplicationControllerStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    const status = (obj.status ?? {}) as J;
    const p = Path.root('status');
    return ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'].flatMap((k) => validateNonnegative(status[k], p.child(k)));
  }
}

export const replicationControllerStrategy = new ReplicationControllerStrategy();
export const replicationControllerStatusStrategy = new ReplicationControllerStatusStrategy();

/** ReplicationControllers can be selected by status.replicas. */
export function replicationControllerAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields['status.replicas'] = String((obj.status as J | undefined)?.replicas ?? 0);
  return attrs;
}

const templateContainers = (o: KObject): J[] => ((o.spec as J | undefined)?.template?.spec?.containers ?? []) as J[];

/** kubectl get rc: NAME DESIRED CURRENT READY AGE (+ CONTAINERS IMAGES SELECTOR). */
export const replicationControllerTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Desired', type: 'integer', description: 'Replicas is the number of desired replicas.', cell: (o) => (o.spec as J | undefined)?.replicas ?? 0 },
  { name: 'Current', type: 'integer', description: 'Replicas is the most recently observed number of replicas.', cell: (o) => (o.status as J | undefined)?.replicas ?? 0 },
  { name: 'Ready', type: 'integer', description: 'The number of ready replicas for this replication controller.', cell: (o) => (o.status as J | undefined)?.readyReplicas ?? 0 },
  ageColumn,
  {
    name: 'Containers',
    priority: 1,
    description: 'Names of each container in the template.',
    cell: (o) =>
      templateContainers(o)
        .map((c) => c.name)
        .join(','),
  },
  {
    name: 'Images',
    priority: 1,
    description: 'Images referenced by each container in the template.',
    cell: (o) =>
      templateContainers(o)
        .map((c) => c.image)
        .join(','),
  },
  {
    name: 'Selector',
    priority: 1,
    description: 'Selector is a label query over pods that should match the Replicas count.',
    cell: (o) =>
      Object.entries(((o.spec as J | undefined)?.selector ?? {}) as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
  },
]);
