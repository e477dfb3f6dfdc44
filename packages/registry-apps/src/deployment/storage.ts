import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import type { ScaleREST } from '@kapi/apiserver-core';
import { newWorkloadScaleREST } from '../common/scale-rest';
import { deploymentStatusStrategy, deploymentStrategy } from './strategy';
import { deploymentTable } from './table';

/** The deployments Store (pkg/registry/apps/deployment/storage). */
export class DeploymentREST extends Store {
  shortNames(): string[] {
    return ['deploy'];
  }
  categories(): string[] {
    return ['all'];
  }
}

export interface DeploymentStorage {
  deployment: DeploymentREST;
  status: StatusREST;
  scale: ScaleREST;
}

export function newDeploymentStorage(optsGetter: RESTOptionsGetter): DeploymentStorage {
  const resource = { group: 'apps', resource: 'deployments' };
  const deployment = new DeploymentREST({
    newFunc: () => ({ apiVersion: 'apps/v1', kind: 'Deployment' }),
    newListFunc: () => ({ apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: 'apps', resource: 'deployment' },
    createStrategy: deploymentStrategy,
    updateStrategy: deploymentStrategy,
    deleteStrategy: deploymentStrategy,
    tableConvertor: deploymentTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
  return {
    deployment,
    status: new StatusREST(deployment.withStrategies({ updateStrategy: deploymentStatusStrategy, createStrategy: undefined })),
    scale: newWorkloadScaleREST(deployment),
  };
}
