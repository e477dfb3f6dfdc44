/** The pod fields the checks read (core/v1 PodSpec, loosely typed). */
interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  seccompProfile?: { type?: string };
  capabilities?: { add?: string[]; drop?: string[] };
}
interface Container {
  name?: string;
  ports?: { hostPort?: number }[];
  securityContext?: SecurityContext;
}
export interface PodSpec {
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext;
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: ({ name?: string; hostPath?: unknown } & Record<string, unknown>)[];
}

/** A failed check: kube's forbidden reason and detail. */
export interface CheckResult {
  reason: string;
  detail: string;
}
type Check = (spec: PodSpec) => CheckResult | undefined;

const plural = (one: string, many: string, n: number) => (n === 1 ? one : many);
const quote = (items: string[]) => (items.length ? `"${items.join('", "')}"` : '');
const containers = (s: PodSpec) => [...(s.initContainers ?? []), ...(s.containers ?? []), ...(s.ephemeralContainers ?? [])];
const names = (cs: Container[]) => cs.map((c) => c.name ?? '');
const named = (cs: Container[]) => `${plural('container', 'containers', cs.length)} ${quote(names(cs))}`;

const privileged: Check = (s) => {
  const bad = containers(s).filter((c) => c.securityContext?.privileged === true);
  return bad.length ? { reason: 'privileged', detail: `${named(bad)} must not set securityContext.privileged=true` } : undefined;
};

const hostNamespaces: Check = (s) => {
  const set = [s.hostNetwork && 'hostNetwork=true', s.hostPID && 'hostPID=true', s.hostIPC && 'hostIPC=true'].filter((x): x is string => !!x);
  return set.length ? { reason: 'host namespaces', detail: set.join(', ') } : undefined;
};

const hostPorts: Check = (s) => {
  const bad = containers(s).filter((c) => (c.ports ?? []).some((p) => p.hostPort));
  const ports = [...new Set(bad.flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort).map((p) => String(p.hostPort))))].sort();
  return bad.length
    ? { reason: 'hostPort', detail: `${named(bad)} ${plural('uses', 'use', bad.length)} ${plural('hostPort', 'hostPorts', ports.length)} ${ports.join(', ')}` }
    : undefined;
};

const hostPathVolumes: Check = (s) => {
  const bad = (s.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name ?? '');
  return bad.length ? { reason: 'hostPath volumes', detail: `${plural('volume', 'volumes', bad.length)} ${quote(bad)}` } : undefined;
};

/** Volume sources restricted pods may use; the others are reported by their field name, as kube names them. */
const allowedVolumeSources = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const knownVolumeSources = new Set([
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
]);

const restrictedVolumes: Check = (s) => {
  const bad: string[] = [];
  const types = new Set<string>();
  for (const v of s.volumes ?? []) {
    const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] != null);
    if (sources.some((k) => allowedVolumeSources.has(k))) continue;
    bad.push(v.name ?? '');
    types.add(sources.find((k) => knownVolumeSources.has(k)) ?? 'unknown');
  }
  const list = [...types].sort();
  return bad.length
    ? {
        reason: 'restricted volume types',
        detail: `${plural('volume', 'volumes', bad.length)} ${quote(bad)} ${plural('uses', 'use', bad.length)} ${plural('restricted volume type', 'restricted volume types', list.length)} ${quote(list)}`,
      }
    : undefined;
};

const allowPrivilegeEscalation: Check = (s) => {
  const bad = containers(s).filter((c) => c.securityContext?.allowPrivilegeEscalation !== false);
  return bad.length ? { reason: 'allowPrivilegeEscalation != false', detail: `${named(bad)} must set securityContext.allowPrivilegeEscalation=false` } : undefined;
};

const capabilitiesRestricted: Check = (s) => {
  const missingDropAll = containers(s).filter((c) => !(c.securityContext?.capabilities?.drop ?? []).includes('ALL'));
  const adding = containers(s).filter((c) => (c.securityContext?.capabilities?.add ?? []).some((a) => a !== 'NET_BIND_SERVICE'));
  const forbidden = [...new Set(adding.flatMap((c) => c.securityContext!.capabilities!.add!.filter((a) => a !== 'NET_BIND_SERVICE')))].sort();
  const details = [
    ...(missingDropAll.length ? [`${named(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`] : []),
    ...(adding.length ? [`${named(adding)} must not include ${quote(forbidden)} in securityContext.capabilities.add`] : []),
  ];
  return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : undefined;
};

/** runAsNonRoot and seccompProfile share a shape: the pod may set it for every container, a container may override. */
function podOrContainer(
  s: PodSpec,
  reason: string,
  read: (sc: SecurityContext | undefined) => unknown,
  good: (v: unknown) => boolean,
  explicitDetail: (setters: string, values: string[]) => string,
  implicitDetail: (containers: string) => string,
): CheckResult | undefined {
  const setters: string[] = [];
  const values = new Set<string>();
  const podValue = read(s.securityContext);
  const podGood = podValue !== undefined && good(podValue);
  if (podValue !== undefined && !podGood) {
    setters.push('pod');
    values.add(String(podValue));
  }
  const explicit: Container[] = [];
  const implicit: Container[] = [];
  for (const c of containers(s)) {
    const v = read(c.securityContext);
    if (v !== undefined) {
      if (!good(v)) {
        explicit.push(c);
        values.add(String(v));
      }
    } else if (!podGood) implicit.push(c);
  }
  if (explicit.length) setters.push(named(explicit));
  if (setters.length) return { reason, detail: explicitDetail(setters.join(' and '), [...values].sort()) };
  if (implicit.length) return { reason, detail: implicitDetail(named(implicit)) };
  return undefined;
}

const runAsNonRoot: Check = (s) =>
  podOrContainer(
    s,
    'runAsNonRoot != true',
    (sc) => sc?.runAsNonRoot,
    (v) => v === true,
    (setters) => `${setters} must not set securityContext.runAsNonRoot=false`,
    (cs) => `pod or ${cs} must set securityContext.runAsNonRoot=true`,
  );

const seccompProfileRestricted: Check = (s) =>
  podOrContainer(
    s,
    'seccompProfile',
    (sc) => sc?.seccompProfile?.type,
    (v) => v === 'RuntimeDefault' || v === 'Localhost',
    (setters, values) => `${setters} must not set securityContext.seccompProfile.type to ${quote(values)}`,
    (cs) => `pod or ${cs} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
  );

/**
 * The checks of each level in kube's order (baseline IDs sorted, then restricted IDs sorted; at
 * restricted, restrictedVolumes replaces hostPathVolumes). kapi implements a subset: baseline's
 * appArmorProfile, capabilities_baseline, procMount, seLinuxOptions, seccompProfile_baseline, sysctls,
 * windowsHostProcess and restricted's runAsUser are not checked yet.
 */
const baseline: Check[] = [hostNamespaces, hostPathVolumes, hostPorts, privileged];
const restricted: Check[] = [hostNamespaces, hostPorts, privileged, allowPrivilegeEscalation, capabilitiesRestricted, restrictedVolumes, runAsNonRoot, seccompProfileRestricted];

export type Level = 'privileged' | 'baseline' | 'restricted';

export function evaluatePod(level: Level, spec: PodSpec): CheckResult[] {
  const checks = level === 'restricted' ? restricted : level === 'baseline' ? baseline : [];
  return checks.map((c) => c(spec)).filter((r): r is CheckResult => r !== undefined);
}

/** AggregateCheckResult.ForbiddenDetail: `reason (detail), reason (detail)`. */
export function forbiddenDetail(results: CheckResult[]): string {
  return results.map((r) => (r.detail ? `${r.reason} (${r.detail})` : r.reason)).join(', ');
}
