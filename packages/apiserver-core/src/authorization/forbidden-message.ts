import type { AuthorizationAttributes } from './authorizer';

/** forbiddenMessage of responsewriters: who cannot do what, where — the text kubectl shows. */
export function forbiddenMessage(attrs: AuthorizationAttributes): string {
  const user = attrs.user.name;
  if (!attrs.resourceRequest) return `User "${user}" cannot ${attrs.verb} path "${attrs.path ?? ''}"`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : (attrs.resource ?? '');
  const where = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  return `User "${user}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup ?? ''}" ${where}`;
}
