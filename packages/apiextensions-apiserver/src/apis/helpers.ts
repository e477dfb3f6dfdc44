import type { CustomResourceDefinition, CustomResourceDefinitionCondition, CustomResourceDefinitionVersion } from './types';

/** The condition of that type, if the CRD's status has it. */
export function findCRDCondition(crd: CustomResourceDefinition, type: CustomResourceDefinitionCondition['type']): CustomResourceDefinitionCondition | undefined {
  return crd.status?.conditions?.find((c) => c.type === type);
}

export function isCRDConditionTrue(crd: CustomResourceDefinition, type: CustomResourceDefinitionCondition['type']): boolean {
  return findCRDCondition(crd, type)?.status === 'True';
}

/**
 * SetCRDCondition: replaces the condition of the same type; lastTransitionTime moves only when
 * the status does, as kube's helper keeps it.
 */
export function setCRDCondition(crd: CustomResourceDefinition, next: CustomResourceDefinitionCondition): void {
  const status = (crd.status ??= {});
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === next.type);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (i < 0) {
    conditions.push({ ...next, lastTransitionTime: next.lastTransitionTime ?? now });
    return;
  }
  const old = conditions[i];
  conditions[i] = { ...next, lastTransitionTime: old.status === next.status ? old.lastTransitionTime : (next.lastTransitionTime ?? now) };
}

export function storageVersionOf(crd: CustomResourceDefinition): CustomResourceDefinitionVersion | undefined {
  return crd.spec.versions.find((v) => v.storage);
}

export function servedVersions(crd: CustomResourceDefinition): CustomResourceDefinitionVersion[] {
  return crd.spec.versions.filter((v) => v.served);
}

/**
 * version.CompareKubeAwareVersionStrings: GA before beta before alpha, higher numbers first, and
 * versions not of the form v<N>[alpha|beta<M>] last, alphabetically. Discovery lists a CRD's
 * versions in this order; the first is the preferred version.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    return { major: Number(m[1]), level: m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2, minor: m[3] ? Number(m[3]) : 0 };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) {
    if (pa) return -1;
    if (pb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (pa.level !== pb.level) return pb.level - pa.level;
  if (pa.major !== pb.major) return pb.major - pa.major;
  return pb.minor - pa.minor;
}

/**
 * The Warning of a deprecated version: its own deprecationWarning, or kube's default naming the
 * most preferred served version that is newer and not deprecated.
 */
export function deprecationWarningOf(crd: CustomResourceDefinition, v: CustomResourceDefinitionVersion): string | undefined {
  if (!v.deprecated) return undefined;
  if (v.deprecationWarning !== undefined) return v.deprecationWarning;
  const { group, names } = crd.spec;
  const msg = `${group}/${v.name} ${names.kind} is deprecated`;
  const newer = crd.spec.versions
    .filter((x) => x.served && !x.deprecated && compareKubeAwareVersions(x.name, v.name) < 0)
    .map((x) => x.name)
    .sort(compareKubeAwareVersions);
  return newer.length ? `${msg}; use ${group}/${newer[0]} ${names.kind}` : msg;
}
