import { StatusREST, Store, type DeleteOptions, type KObject, type RequestContext, type RESTOptionsGetter, type ValidateObjectFunc } from '@kapi/apiserver-core';
import { crdResource, customResourceCleanupFinalizer, GROUP } from '../apis/types';
import { customResourceDefinitionStatusStrategy, customResourceDefinitionStrategy } from './strategy';
import { customResourceDefinitionTable } from './table';

/**
 * customresourcedefinitions (pkg/registry/customresourcedefinition/etcd.go). Deleting a CRD first
 * gives it the customresourcecleanup finalizer, so it stays (Terminating) until the finalizer
 * controller has deleted every custom resource of it.
 */
export class CustomResourceDefinitionREST extends Store {
  shortNames(): string[] {
    return ['crd', 'crds'];
  }

  categories(): string[] {
    return ['api-extensions'];
  }

  override async delete(
    ctx: RequestContext,
    name: string,
    deleteValidation: ValidateObjectFunc | undefined,
    opts: DeleteOptions = {},
  ): Promise<{ obj: KObject; deleted: boolean }> {
    const current = await this.get(ctx, name);
    const finalizers = current.metadata?.finalizers ?? [];
    if (!current.metadata?.deletionTimestamp && !finalizers.includes(customResourceCleanupFinalizer)) {
      await this.update(
        ctx,
        name,
        {
          preconditions: () => opts.preconditions,
          updatedObject: async (_c, old) => {
            const obj = structuredClone(old!);
            obj.metadata = { ...obj.metadata, finalizers: [...(obj.metadata?.finalizers ?? []), customResourceCleanupFinalizer] };
            return obj;
          },
        },
        undefined,
        undefined,
        false,
        { dryRun: opts.dryRun },
      );
    }
    return super.delete(ctx, name, deleteValidation, { ...opts, preconditions: opts.preconditions?.uid ? { uid: opts.preconditions.uid } : undefined });
  }
}

export interface CustomResourceDefinitionStorage {
  customResourceDefinition: CustomResourceDefinitionREST;
  status: StatusREST;
}

export function newCustomResourceDefinitionStorage(optsGetter: RESTOptionsGetter): CustomResourceDefinitionStorage {
  const crds = new CustomResourceDefinitionREST({
    newFunc: () => ({ apiVersion: `${GROUP}/v1`, kind: 'CustomResourceDefinition' }),
    newListFunc: () => ({ apiVersion: `${GROUP}/v1`, kind: 'CustomResourceDefinitionList', metadata: {}, items: [] }),
    defaultQualifiedResource: crdResource,
    singularQualifiedResource: { group: GROUP, resource: 'customresourcedefinition' },
    createStrategy: customResourceDefinitionStrategy,
    updateStrategy: customResourceDefinitionStrategy,
    deleteStrategy: customResourceDefinitionStrategy,
    tableConvertor: customResourceDefinitionTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(crdResource) });
  return {
    customResourceDefinition: crds,
    status: new StatusREST(crds.withStrategies({ updateStrategy: customResourceDefinitionStatusStrategy, createStrategy: undefined })),
  };
}
