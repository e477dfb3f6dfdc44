import type { KObject, J } from '@kapi/apiserver-core';

/** JSON as the defaulting walks it: plain objects of any shape. */

/**
 * imagePullPolicy from the image reference (SetDefaults_Container): Always for `:latest` or no tag,
 * IfNotPresent for any other tag or a digest.
 */
export function defaultImagePullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function setProbeDefaults(probe: J | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
}

/** SetDefaults_Container and the defaults of its parts (ports, env fieldRefs, probes, resources). */
export function setContainerDefaults(container: object): void {
  const c = container as J;
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultImagePullPolicy(String(c.image ?? ''));
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  // Requests default to limits when only limits are given (SetDefaults_ResourceRequirements via the pod defaults).
  if (c.resources.limits) {
    c.resources.requests = { ...c.resources.limits, ...(c.resources.requests ?? {}) };
  }
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  setProbeDefaults(c.livenessProbe);
  setProbeDefaults(c.readinessProbe);
  setProbeDefaults(c.startupProbe);
}

/** SetDefaults_Volume: a volume without a source is an emptyDir; file modes of projected sources 0644. */
function setVolumeDefaults(v: J): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
  if (v.projected) v.projected.defaultMode ??= 420;
  if (v.hostPath) v.hostPath.type ??= '';
}

/**
 * SetDefaults_PodSpec. What the default admission chain fills in on a real cluster (ServiceAccount,
 * DefaultTolerationSeconds, Priority …) is the admission plugins' (@kapi/admission-plugins).
 */
export function setPodSpecDefaults(podSpec: object): void {
  const spec = podSpec as J;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const c of spec.containers ?? []) setContainerDefaults(c);
  for (const c of spec.initContainers ?? []) setContainerDefaults(c);
  for (const c of spec.ephemeralContainers ?? []) setContainerDefaults(c);
  for (const v of spec.volumes ?? []) setVolumeDefaults(v);
}

/** Defaults of a pod template inside a workload (replicationcontrollers, deployments …). */
export function setPodTemplateSpecDefaults(podTemplate: object | undefined): void {
  if (!podTemplate) return;
  const template = podTemplate as J;
  template.spec ??= {};
  setPodSpecDefaults(template.spec);
}

/**
 * What a created Pod (not a template) reads back with: v1's deprecated `serviceAccount` mirrors
 * `serviceAccountName` (the v1 conversion), and the priority a cluster without the Priority plugin
 * gives. The account itself, defaulted to `default` and its token mounted, is the ServiceAccount
 * admission plugin's (@kapi/admission-plugins), as on kube.
 */
export function setPodAdmissionDefaults(podSpec: object): void {
  const spec = podSpec as J;
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  if (!spec.priorityClassName) spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
}

/** SetDefaults_Pod for a whole Pod object. */
export function setPodDefaults(pod: KObject): void {
  const spec = (pod.spec ??= {}) as J;
  setPodSpecDefaults(spec);
  setPodAdmissionDefaults(spec);
}
