import type { APIResource } from '../endpoints/discovery/types';
import type { GroupVersion, GroupVersionKind } from '../runtime/object';
import { builtinDefinitionOfKind } from '../schema/builtin-definitions';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { SchemaObject } from '../schema/types';
import { deleteParameters, listParameters, P, writeParameters, type ParameterSpec } from './parameters';

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** One API operation, neutral of the OpenAPI version it is rendered into. */
export interface Operation {
  path: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** x-kubernetes-action: get, list, post, put, patch, delete, deletecollection. */
  action: string;
  operationId: string;
  /** Swagger tag: "core_v1", "apps_v1". */
  tag: string;
  description: string;
  gvk: GroupVersionKind;
  parameters: ParameterSpec[];
  pathParameters: ParameterSpec[];
  /** Definition names of the request body and of the 200 response. */
  body?: string;
  response: string;
  /** Content types of the body (PATCH takes the patch types). */
  consumes?: string[];
}

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

/**
 * The definition that describes a kind: the one its group declared, else the one Kubernetes
 * registers for that GVK (Scale of deployments/scale), else a free-form one named as kube-apiserver
 * names a schemaless CRD's, so the kind still has paths (kubectl looks its PATCH operation up by GVK).
 */
export function definitionOfKind(schemas: SchemaRegistry, gvk: GroupVersionKind): string {
  const own = schemas.forKind(gvk);
  if (own) return own.definition;
  const builtin = builtinDefinitionOfKind(gvk);
  if (builtin) return builtin;
  return `${gvk.group.split('.').reverse().join('.')}.${gvk.version}.${gvk.kind}`;
}

export function schemalessDefinition(gvk: GroupVersionKind): SchemaObject {
  return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-group-version-kind': [gvk] };
}

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function groupTag(gv: GroupVersion): string {
  // kube-apiserver: "CoreV1", "AppsV1", "RbacAuthorizationV1" (group words up to ".k8s.io").
  const words = gv.group === '' ? ['core'] : gv.group.replace(/\.k8s\.io$/, '').split('.');
  return `${words.map(pascal).join('')}${pascal(gv.version)}`;
}

/** The operations of one group-version, as the APIInstaller registered its routes. */
export function operationsOf(
  gv: GroupVersion,
  resources: APIResource[],
  schemas: SchemaRegistry,
  /** The patch types of a resource path when not all are (custom resources have no strategic merge patch). */
  patchTypesOf: (resourcePath: string) => string[] | undefined = () => undefined,
): Operation[] {
  const prefix = gv.group === '' ? `/api/${gv.version}` : `/apis/${gv.group}/${gv.version}`;
  const tag = groupTag(gv);
  const ops: Operation[] = [];
  for (const r of resources) {
    const [resource, sub = ''] = r.name.split('/');
    const gvk: GroupVersionKind = { group: r.group ?? gv.group, version: r.version ?? gv.version, kind: r.kind };
    const def = definitionOfKind(schemas, gvk);
    const kindName = r.kind + (sub ? pascal(sub) : '');
    const ns = r.namespaced ? 'Namespaced' : '';
    const collection = r.namespaced ? `${prefix}/namespaces/{namespace}/${resource}` : `${prefix}/${resource}`;
    const item = `${collection}/{name}${sub ? `/${sub}` : ''}`;
    const collParams = r.namespaced ? [P.namespace, P.pretty] : [P.pretty];
    const itemParams = [P.name, ...collParams];
    const has = (v: string) => r.verbs.includes(v);
    const op = (o: Omit<Operation, 'gvk' | 'tag'>) => ops.push({ ...o, gvk, tag: `${gv.group === '' ? 'core' : gv.group.split('.')[0]}_${gv.version}` });
    if (!sub && has('list')) {
      op({
        path: collection,
        method: 'get',
        action: 'list',
        operationId: `list${tag}${ns}${r.kind}`,
        description: `list or watch objects of kind ${r.kind}`,
        parameters: listParameters,
        pathParameters: collParams,
        response: `${def}List`,
      });
      if (r.namespaced) {
        op({
          path: `${prefix}/${resource}`,
          method: 'get',
          action: 'list',
          operationId: `list${tag}${r.kind}ForAllNamespaces`,
          description: `list or watch objects of kind ${r.kind}`,
          parameters: listParameters,
          pathParameters: [P.pretty],
          response: `${def}List`,
        });
      }
    }
    if (!sub && has('create')) {
      op({
        path: collection,
        method: 'post',
        action: 'post',
        operationId: `create${tag}${ns}${r.kind}`,
        description: `create a ${r.kind}`,
        parameters: writeParameters,
        pathParameters: collParams,
        body: def,
        response: def,
      });
    }
    if (!sub && has('deletecollection')) {
      op({
        path: collection,
        method: 'delete',
        action: 'deletecollection',
        operationId: `delete${tag}Collection${ns}${r.kind}`,
        description: `delete collection of ${r.kind}`,
        parameters: [...listParameters, ...deleteParameters],
        pathParameters: collParams,
        body: `${META}.DeleteOptions`,
        response: `${META}.Status`,
      });
    }
    if (has('get')) {
      op({
        path: item,
        method: 'get',
        action: 'get',
        operationId: `read${tag}${ns}${kindName}`,
        description: `read the specified ${r.kind}`,
        parameters: [],
        pathParameters: itemParams,
        response: def,
      });
    }
    if (has('update')) {
      op({
        path: item,
        method: 'put',
        action: 'put',
        operationId: `replace${tag}${ns}${kindName}`,
        description: `replace the specified ${r.kind}`,
        parameters: writeParameters,
        pathParameters: itemParams,
        body: def,
        response: def,
      });
    }
    if (has('patch')) {
      op({
        path: item,
        method: 'patch',
        action: 'patch',
        operationId: `patch${tag}${ns}${kindName}`,
        description: `partially update the specified ${r.kind}`,
        parameters: [...writeParameters, P.force],
        pathParameters: itemParams,
        body: `${META}.Patch`,
        response: def,
        consumes: patchTypesOf(r.name) ?? PATCH_TYPES,
      });
    }
    if (!sub && has('delete')) {
      op({
        path: item,
        method: 'delete',
        action: 'delete',
        operationId: `delete${tag}${ns}${r.kind}`,
        description: `delete a ${r.kind}`,
        parameters: deleteParameters,
        pathParameters: itemParams,
        body: `${META}.DeleteOptions`,
        response: `${META}.Status`,
      });
    }
  }
  return ops;
}

/** Definitions every document needs besides the kinds' own. */
export const COMMON_DEFINITIONS = [`${META}.Status`, `${META}.DeleteOptions`, `${META}.Patch`];
