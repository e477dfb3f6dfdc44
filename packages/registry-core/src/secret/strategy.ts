import { DefaultStrategy, defaultAttrs, type Attrs, type ErrorList, type KObject, type RequestContext } from '@kapi/apiserver-core';
import { validateSecret, validateSecretUpdate } from './validation';

/** stringData is write-only: merged into data (base64) on every write, as the v1 conversion does. */
export function mergeStringData(obj: KObject): void {
  const stringData = obj.stringData as Record<string, string> | undefined;
  if (stringData && typeof stringData === 'object') {
    const data = { ...((obj.data as Record<string, string>) ?? {}) };
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    obj.data = data;
  }
  delete obj.stringData;
}

/** pkg/registry/core/secret/strategy.go. */
export class SecretStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'Secret' };
  namespaceScoped(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    mergeStringData(obj);
    if (!obj.type) obj.type = 'Opaque';
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject): void {
    mergeStringData(obj);
    if (!obj.type) obj.type = 'Opaque';
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateSecret(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [...validateSecret(obj), ...validateSecretUpdate(obj, old)];
  }
}

export const secretStrategy = new SecretStrategy();

/** Secrets can be selected by type (`--field-selector type=kubernetes.io/tls`). */
export function secretAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields.type = String(obj.type ?? '');
  return attrs;
}
