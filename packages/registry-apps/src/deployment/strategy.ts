import {
  bumpGenerationOnSpecChange, DefaultStrategy, keepStatusOnUpdate, resetStatusOnCreate, type ErrorList, type KObject, type RequestContext,
} from '@kapi/apiserver-core';
import { validateDeployment } from './validation';

/** pkg/registry/apps/deployment/strategy.go: status reset on create and kept on update, generation tracks spec. */
export class DeploymentStrategy extends DefaultStrategy {
  readonly kind = { group: 'apps', version: 'v1', kind: 'Deployment' };
  namespaceScoped(): boolean {
    return true;
  }
  override allowUnconditionalUpdate(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    resetStatusOnCreate(obj);
    obj.metadata = { ...obj.metadata, generation: 1 };
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    keepStatusOnUpdate(obj, old);
    bumpGenerationOnSpecChange(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateDeployment(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateDeployment(obj);
  }
}

export const deploymentStrategy = new DeploymentStrategy();
