import {
  handlesOperations,
  newAdmissionForbidden,
  type Attributes,
  type KObject,
  type MutationInterface,
  type RequestContext,
  type ValidationInterface,
} from '@kapi/apiserver-core';

export const createdByLabel = 'guard.example.dev/created-by';
export const protectedLabel = 'guard.example.dev/protected';

/** The plugin's entry in an AdmissionConfiguration file. */
export interface ConfigMapGuardConfiguration {
  /** Data keys no ConfigMap may carry (default: password). */
  forbiddenKeys?: string[];
}

/** A user name as a label value: label-safe characters only, at most 63. */
function labelValue(user: string): string {
  return user
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 63);
}

/**
 * ConfigMapGuard: mutating, it labels each new ConfigMap with who created it; validating, it refuses
 * a ConfigMap carrying a forbidden data key and the deletion of one labelled protected.
 */
export class ConfigMapGuard implements MutationInterface, ValidationInterface {
  readonly handles = handlesOperations('CREATE', 'UPDATE', 'DELETE');
  private readonly forbiddenKeys: string[];

  constructor(config: ConfigMapGuardConfiguration = {}) {
    this.forbiddenKeys = config.forbiddenKeys ?? ['password'];
  }

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (!isConfigMap(a) || a.operation !== 'CREATE' || !a.object || !a.userInfo?.name) return;
    const meta = (a.object.metadata ??= {});
    meta.labels = { ...meta.labels, [createdByLabel]: labelValue(a.userInfo.name) };
  }

  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (!isConfigMap(a)) return;
    if (a.operation === 'DELETE') {
      if (a.oldObject?.metadata?.labels?.[protectedLabel] === 'true') throw newAdmissionForbidden(a, 'protected ConfigMaps may not be deleted');
      return;
    }
    const key = forbiddenKeyOf(a.object, this.forbiddenKeys);
    if (key !== undefined) throw newAdmissionForbidden(a, `data key "${key}" is not allowed in a ConfigMap`);
  }
}

function isConfigMap(a: Attributes): boolean {
  return a.resource.group === '' && a.resource.resource === 'configmaps' && a.subresource === '';
}

function forbiddenKeyOf(obj: KObject | undefined, forbidden: string[]): string | undefined {
  const data = { ...(obj?.data as Record<string, unknown> | undefined), ...(obj?.binaryData as Record<string, unknown> | undefined) };
  return forbidden.find((k) => Object.hasOwn(data, k));
}
