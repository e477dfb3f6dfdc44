import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { deploymentStrategy } from './strategy';
import { deploymentTable } from './table';

export class DeploymentREST extends Store {
  shortNames(): string[] {
    return ['deploy'];
  }
  categories(): string[] {
    return ['all'];
  }
}

export function newDeploymentREST(optsGetter: RESTOptionsGetter): DeploymentREST {
  const resource = { group: 'apps', resource: 'deployments' };
  return new DeploymentREST({
    newFunc: () => ({ apiVersion: 'apps/v1', kind: 'Deployment' }),
    newListFunc: () => ({ apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: 'apps', resource: 'deployment' },
    createStrategy: deploymentStrategy,
    updateStrategy: deploymentStrategy,
    deleteStrategy: deploymentStrategy,
    tableConvertor: deploymentTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
