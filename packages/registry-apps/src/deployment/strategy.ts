import type { ErrorList, KObject } from '@kapi/apiserver-core';
import { WorkloadStatusStrategy, WorkloadStrategy } from '../common/workload-strategy';
import { setDefaultsDeployment } from './defaults';
import { validateDeployment, validateDeploymentStatus } from './validation';
import { semanticEqual } from '@kapi/apiserver-core';

/** pkg/registry/apps/deployment/strategy.go. */
export class DeploymentStrategy extends WorkloadStrategy {
  readonly kind = { group: 'apps', version: 'v1', kind: 'Deployment' };

  applyDefaults(obj: KObject): void {
    setDefaultsDeployment(obj);
  }

  validateSpec(obj: KObject): ErrorList {
    return validateDeployment(obj);
  }

  /** Annotations bump generation too: the controller copies them onto the ReplicaSets it owns. */
  protected override specChanged(obj: KObject, old: KObject): boolean {
    return super.specChanged(obj, old) || !semanticEqual(obj.metadata?.annotations ?? {}, old.metadata?.annotations ?? {});
  }
}

export const deploymentStrategy = new DeploymentStrategy();
export const deploymentStatusStrategy = new WorkloadStatusStrategy(deploymentStrategy, validateDeploymentStatus);
