import type { Attributes, Authorizer } from '@kapi/apiserver-core';

export const certificatesGroup = 'certificates.k8s.io';

/** Whether a request is about certificatesigningrequests (at the given subresource). */
export const isCSRRequest = (a: Attributes, subresource: string) =>
  a.resource.group === certificatesGroup && a.resource.resource === 'certificatesigningrequests' && a.subresource === subresource;

/**
 * certificates.IsAuthorizedForSignerName: may the user `verb` (approve, sign) on the `signers`
 * resource named after the signer, or on its whole domain (`example.com/*`).
 */
export async function isAuthorizedForSignerName(authorizer: Authorizer | undefined, a: Attributes, verb: string, signerName: string): Promise<boolean> {
  if (!authorizer || !a.userInfo) return false;
  const ask = async (name: string) =>
    (
      await authorizer.authorize({
        user: a.userInfo!,
        verb,
        resourceRequest: true,
        apiGroup: certificatesGroup,
        apiVersion: '*',
        resource: 'signers',
        name,
      })
    ).decision === 'Allow';
  if (await ask(signerName)) return true;
  const slash = signerName.indexOf('/');
  return slash > 0 && ask(`${signerName.slice(0, slash)}/*`);
}
