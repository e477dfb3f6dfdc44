import {
  DefaultStrategy,
  field,
  isDNS1123Subdomain,
  Path,
  ageColumn,
  ColumnTableConvertor,
  nameColumn,
  type ErrorList,
  type KObject,
  type RequestContext,
  type J,
} from '@kapi/apiserver-core';

/** ValidateServiceAccount: referenced secrets and pull secrets are named. */
export function validateServiceAccount(obj: KObject): ErrorList {
  const errs: ErrorList = [];
  for (const k of ['secrets', 'imagePullSecrets']) {
    ((obj[k] ?? []) as J[]).forEach((ref, i) => {
      const p = Path.root(k).index(i).child('name');
      if (ref.name) for (const m of isDNS1123Subdomain(ref.name)) errs.push(field.invalid(p, ref.name, m));
    });
  }
  if (obj.automountServiceAccountToken !== undefined && typeof obj.automountServiceAccountToken !== 'boolean') {
    errs.push(field.invalid(Path.root('automountServiceAccountToken'), obj.automountServiceAccountToken, 'must be a boolean'));
  }
  return errs;
}

/** pkg/registry/core/serviceaccount/strategy.go: namespaced, no status. */
export class ServiceAccountStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'ServiceAccount' };
  namespaceScoped(): boolean {
    return true;
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateServiceAccount(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateServiceAccount(obj);
  }
}

export const serviceAccountStrategy = new ServiceAccountStrategy();

/** kubectl get serviceaccounts: NAME SECRETS AGE. */
export const serviceAccountTable = new ColumnTableConvertor([
  nameColumn,
  {
    name: 'Secrets',
    type: 'integer',
    description: 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
    cell: (o) => ((o.secrets ?? []) as unknown[]).length,
  },
  ageColumn,
]);
