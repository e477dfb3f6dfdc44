import { newBadRequest } from '../../../api/errors';
import type { RequestContext } from '../../../rest/context';

/** Names that would escape their key ("..", "a/b") are refused, as rest.IsValidPathSegmentName does. */
function checkName(name: string): void {
  if (name === '.' || name === '..') throw newBadRequest(`Name parameter may not be "${name}"`);
  if (name.includes('/') || name.includes('%')) throw newBadRequest(`Name parameter may not contain "${name.includes('/') ? '/' : '%'}"`);
}

/** NamespaceKeyRootFunc: "/<prefix>/<namespace>", or "/<prefix>" across all namespaces. */
export function namespaceKeyRootFunc(ctx: RequestContext, prefix: string): string {
  return ctx.namespace ? `${prefix}/${ctx.namespace}` : prefix;
}

/** NamespaceKeyFunc: "/<prefix>/<namespace>/<name>"; a namespace is required. */
export function namespaceKeyFunc(ctx: RequestContext, prefix: string, name: string): string {
  if (!ctx.namespace) throw newBadRequest('Namespace parameter required.');
  if (!name) throw newBadRequest('Name parameter required.');
  checkName(name);
  return `${prefix}/${ctx.namespace}/${name}`;
}

/** NoNamespaceKeyFunc: "/<prefix>/<name>" for cluster-scoped resources. */
export function noNamespaceKeyFunc(_ctx: RequestContext, prefix: string, name: string): string {
  if (!name) throw newBadRequest('Name parameter required.');
  checkName(name);
  return `${prefix}/${name}`;
}
