import { ageColumn, ColumnTableConvertor, DefaultStrategy, nameColumn, Path, semanticEqual, type ErrorList, type KObject, type RequestContext, type J } from '@kapi/apiserver-core';
import { setPodTemplateSpecDefaults } from '../pod/defaults';
import { validatePodTemplateSpec } from '../pod/validation';

/** pkg/registry/core/podtemplate/strategy.go: the template is defaulted and validated as a pod's. */
export class PodTemplateStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'PodTemplate' };
  namespaceScoped(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    setPodTemplateSpecDefaults(obj.template as J | undefined);
    obj.metadata = { ...obj.metadata, generation: 1 };
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    setPodTemplateSpecDefaults(obj.template as J | undefined);
    if (!semanticEqual(obj.template, old.template)) obj.metadata = { ...obj.metadata, generation: (old.metadata?.generation ?? 0) + 1 };
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validatePodTemplateSpec(obj.template as J | undefined, Path.root('template'));
  }
  override validateUpdate(ctx: RequestContext, obj: KObject): ErrorList {
    return this.validate(ctx, obj);
  }
}

export const podTemplateStrategy = new PodTemplateStrategy();

const containers = (o: KObject): J[] => ((o.template as J | undefined)?.spec?.containers ?? []) as J[];

/** kubectl get podtemplates: TEMPLATE CONTAINERS IMAGES POD LABELS. */
export const podTemplateTable = new ColumnTableConvertor([
  { ...nameColumn, name: 'Template' },
  {
    name: 'Containers',
    description: 'Names of each container in the template.',
    cell: (o) =>
      containers(o)
        .map((c) => c.name)
        .join(','),
  },
  {
    name: 'Images',
    description: 'Images referenced by each container in the template.',
    cell: (o) =>
      containers(o)
        .map((c) => c.image)
        .join(','),
  },
  {
    name: 'Pod Labels',
    description: 'The labels for the pod template.',
    cell: (o) =>
      Object.entries(((o.template as J | undefined)?.metadata?.labels ?? {}) as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>',
  },
  ageColumn,
]);
