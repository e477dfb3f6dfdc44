import { isStatusError } from '../../../../api/errors';
import { FieldSelector } from '../../../../fields/selector';
import { LabelSelector } from '../../../../labels/selector';
import { isGetter, isLister } from '../../../../rest/interfaces';
import type { KObject } from '../../../../runtime/object';
import type { StorageLookup } from '../../../initializer';
import type { RESTMapper, RESTMapping } from '../../../rest-mapper';
import { selectorMatches } from '../../webhook/matching';
import type { ParamRef, ValidatingAdmissionPolicySpec } from './types';

type ParamKind = NonNullable<ValidatingAdmissionPolicySpec['paramKind']>;

/** ParamKind.String(): `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap` for the core group. */
export function paramKindString(pk: ParamKind): string {
  const apiVersion = pk.apiVersion ?? '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return `${group}/${version}, Kind=${pk.kind ?? ''}`;
}

/** Where a policy's paramKind is served; a configuration error of the policy when nothing serves it. */
export function resolveParamKind(mapper: RESTMapper | undefined, pk: ParamKind): RESTMapping {
  const apiVersion = pk.apiVersion ?? '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const mapping = mapper?.({ group, version, kind: pk.kind ?? '' });
  if (!mapping) throw new Error(`failed to find resource referenced by paramKind: '${paramKindString(pk)}'`);
  return mapping;
}

/**
 * generic.CollectParams: the params a binding evaluates its policy with — `[null]` when the policy
 * or the binding uses none, the named object or the selected ones otherwise (in the binding's
 * namespace, else the request's, for a namespaced kind). None found is an error only when the
 * binding says `parameterNotFoundAction: Deny`.
 */
export async function collectParams(
  lookup: StorageLookup | undefined,
  paramKind: ParamKind | undefined,
  mapping: RESTMapping | undefined,
  paramRef: ParamRef | undefined,
  namespace: string,
): Promise<(KObject | null)[]> {
  if (!paramKind || !paramRef || !mapping) return [null];
  let paramsNamespace = '';
  if (mapping.namespaced) {
    paramsNamespace = paramRef.namespace || namespace;
    if (!paramsNamespace) throw new Error('cannot use namespaced paramRef in policy binding that matches cluster-scoped resources');
  } else if (paramRef.namespace) {
    throw new Error('paramRef.namespace must not be provided for a cluster-scoped `paramKind`');
  }
  const storage = lookup?.({ group: mapping.resource.group, resource: mapping.resource.resource });
  if (!storage) throw new Error(`paramKind kind \`${paramKindString(paramKind)}\` not known`);
  const ctx = paramsNamespace ? { namespace: paramsNamespace } : {};
  let params: KObject[] = [];
  if (paramRef.name) {
    if (!isGetter(storage)) throw new Error(`paramKind kind \`${paramKindString(paramKind)}\` not known`);
    // A fresh read, as kube falls back to the API when its informer has not seen a just-created param.
    const param = await storage.get(ctx, paramRef.name, {}).catch((err: unknown) => {
      if (isStatusError(err) && err.code === 404) return undefined;
      throw err;
    });
    if (param) params = [param];
  } else if (paramRef.selector) {
    if (!isLister(storage)) throw new Error(`paramKind kind \`${paramKindString(paramKind)}\` not known`);
    const list = await storage.list(ctx, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything(), resourceVersion: '0' });
    params = (list.items as KObject[]).filter((o) => selectorMatches(paramRef.selector, o.metadata?.labels));
  } else {
    throw new Error('one of name or selector must be provided');
  }
  if (params.length === 0 && paramRef.parameterNotFoundAction === 'Deny') {
    throw new Error('no params found for policy binding with `Deny` parameterNotFoundAction');
  }
  return params.map((p) => withTypeMeta(p, paramKind));
}

/** wrappedParam: a param always shows its apiVersion and kind to CEL. */
function withTypeMeta(p: KObject, pk: ParamKind): KObject {
  return p.apiVersion && p.kind ? p : { ...p, apiVersion: pk.apiVersion ?? '', kind: pk.kind ?? '' };
}
