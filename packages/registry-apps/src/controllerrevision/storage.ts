import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { controllerRevisionStrategy } from './strategy';
import { controllerRevisionTable } from './table';

/** The controllerrevisions Store (pkg/registry/apps/controllerrevision/storage). */
export class ControllerRevisionREST extends Store {}

export function newControllerRevisionREST(optsGetter: RESTOptionsGetter): ControllerRevisionREST {
  const resource = { group: 'apps', resource: 'controllerrevisions' };
  return new ControllerRevisionREST({
    newFunc: () => ({ apiVersion: 'apps/v1', kind: 'ControllerRevision' }),
    newListFunc: () => ({ apiVersion: 'apps/v1', kind: 'ControllerRevisionList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: 'apps', resource: 'controllerrevision' },
    createStrategy: controllerRevisionStrategy,
    updateStrategy: controllerRevisionStrategy,
    deleteStrategy: controllerRevisionStrategy,
    tableConvertor: controllerRevisionTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
