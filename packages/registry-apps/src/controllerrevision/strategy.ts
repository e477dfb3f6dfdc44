import { DefaultStrategy, type ErrorList, type KObject, type RequestContext } from '@kapi/apiserver-core';
import { validateControllerRevision, validateControllerRevisionUpdate } from './validation';

/** pkg/registry/apps/controllerrevision/strategy.go: no status, no generation, immutable data. */
export class ControllerRevisionStrategy extends DefaultStrategy {
  readonly kind = { group: 'apps', version: 'v1', kind: 'ControllerRevision' };

  namespaceScoped(): boolean {
    return true;
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateControllerRevision(obj);
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [...validateControllerRevision(obj), ...validateControllerRevisionUpdate(obj, old)];
  }
}

export const controllerRevisionStrategy = new ControllerRevisionStrategy();
