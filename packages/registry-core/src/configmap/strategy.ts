import { DefaultStrategy, type ErrorList, type KObject, type RequestContext } from '@kapi/apiserver-core';
import { validateConfigMap, validateConfigMapUpdate } from './validation';

/** pkg/registry/core/configmap/strategy.go: namespaced, last-write-wins PUTs, immutable once marked so. */
export class ConfigMapStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'ConfigMap' };
  namespaceScoped(): boolean {
    return true;
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateConfigMap(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [...validateConfigMap(obj), ...validateConfigMapUpdate(obj, old)];
  }
}

export const configMapStrategy = new ConfigMapStrategy();
