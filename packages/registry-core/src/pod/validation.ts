import { field, isDNS1123Subdomain, Path, semanticEqual, validateObjectMeta, nameIsDNSSubdomain, type ErrorList, type KObject, type J } from '@kapi/apiserver-core';
import { validateDNSLabel, validateEnum, validateLabelMap, validateNonnegative, validatePositive } from '../validation/common';
import { validateContainers } from './container-validation';

const volumeSources = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

function validateVolumes(volumes: J[] | undefined, path: Path): { errs: ErrorList; names: Set<string> } {
  const errs: ErrorList = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const vp = path.index(i);
    if (!v.name) errs.push(field.required(vp.child('name'), ''));
    else {
      errs.push(...validateDNSLabel(v.name, vp.child('name')));
      if (names.has(v.name)) errs.push(field.duplicate(vp.child('name'), v.name));
      names.add(v.name);
    }
    const sources = volumeSources.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) errs.push(field.required(vp, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(field.forbidden(vp.child(sources[1]), 'may not specify more than 1 volume type'));
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(field.required(vp.child('persistentVolumeClaim', 'claimName'), ''));
    if (v.hostPath && !v.hostPath.path) errs.push(field.required(vp.child('hostPath', 'path'), ''));
    if (v.configMap && !v.configMap.name) errs.push(field.required(vp.child('configMap', 'name'), ''));
    if (v.secret && !v.secret.secretName) errs.push(field.required(vp.child('secret', 'secretName'), ''));
    if (v.nfs && !v.nfs.server) errs.push(field.required(vp.child('nfs', 'server'), ''));
  });
  return { errs, names };
}

export function validateTolerations(tolerations: J[] | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  (tolerations ?? []).forEach((t, i) => {
    const tp = path.index(i);
    errs.push(...validateEnum(t.operator, tp.child('operator'), ['Equal', 'Exists'], false));
    if (t.operator === 'Exists' && t.value) errs.push(field.invalid(tp.child('operator'), t.value, "value must be empty when `operator` is 'Exists'"));
    if (!t.key && t.operator !== 'Exists')
      errs.push(field.invalid(tp.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    errs.push(...validateEnum(t.effect, tp.child('effect'), ['NoExecute', 'NoSchedule', 'PreferNoSchedule'], false));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(field.invalid(tp.child('effect'), t.effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
  });
  return errs;
}

const int32Range = 'must be between 0 and 2147483647, inclusive';

function validateIDs(sc: J | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    const v = sc?.[k];
    if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 2147483647)) errs.push(field.invalid(path.child(k), v, int32Range));
  }
  return errs;
}

/** Pod-level and container-level security contexts, host ports under hostNetwork, DNS config. */
function validatePodExtras(s: J, path: Path): ErrorList {
  const errs = validateIDs(s.securityContext, path.child('securityContext'));
  ((s.securityContext?.supplementalGroups ?? []) as number[]).forEach((g, i) => {
    if (g < 0 || g > 2147483647) errs.push(field.invalid(path.child('securityContext', 'supplementalGroups').index(i), g, int32Range));
  });
  const hostPorts = new Set<string>();
  for (const kind of ['initContainers', 'containers']) {
    ((s[kind] ?? []) as J[]).forEach((c, i) => {
      const cp = path.child(kind).index(i);
      const sc = c.securityContext as J | undefined;
      errs.push(...validateIDs(sc, cp.child('securityContext')));
      if (sc?.privileged === true && sc.allowPrivilegeEscalation === false) {
        errs.push(field.invalid(cp.child('securityContext'), sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
      }
      ((c.ports ?? []) as J[]).forEach((p, j) => {
        const pp = cp.child('ports').index(j);
        if (s.hostNetwork && p.hostPort && p.hostPort !== p.containerPort)
          errs.push(field.invalid(pp.child('hostPort'), p.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
        if (!p.hostPort) return;
        const key = `${p.hostPort}/${p.protocol ?? 'TCP'}/${p.hostIP ?? ''}`;
        if (hostPorts.has(key)) errs.push(field.duplicate(pp.child('hostPort'), `${p.protocol ?? 'TCP'}/${p.hostPort}`));
        hostPorts.add(key);
      });
    });
  }
  const dns = s.dnsConfig as J | undefined;
  if ((dns?.nameservers?.length ?? 0) > 3) errs.push(field.invalid(path.child('dnsConfig', 'nameservers'), dns!.nameservers, 'must not have more than 3 nameservers'));
  if ((dns?.searches?.length ?? 0) > 32) errs.push(field.invalid(path.child('dnsConfig', 'searches'), dns!.searches, 'must not have more than 32 search paths'));
  ((s.imagePullSecrets ?? []) as J[]).forEach((r, i) => {
    if (!r.name) errs.push(field.required(path.child('imagePullSecrets').index(i).child('name'), ''));
  });
  for (const k of ['priorityClassName', 'runtimeClassName']) {
    if (s[k]) for (const m of isDNS1123Subdomain(s[k])) errs.push(field.invalid(path.child(k), s[k], m));
  }
  return errs;
}

/**
 * ValidatePodSpec: containers (at least one), init containers, volumes and mounts, enums, grace
 * periods, node selector, service account, hostname — with kube-apiserver's field paths.
 */
export function validatePodSpec(spec: object | undefined, path: Path): ErrorList {
  const s = (spec ?? {}) as J;
  const errs: ErrorList = [];
  const vols = validateVolumes(s.volumes, path.child('volumes'));
  errs.push(...vols.errs);
  const names = new Set<string>();
  if (!Array.isArray(s.containers) || s.containers.length === 0) errs.push(field.required(path.child('containers'), ''));
  else errs.push(...validateContainers(s.containers, vols.names, names, path.child('containers'), { probes: true }));
  errs.push(...validateContainers(s.initContainers, vols.names, names, path.child('initContainers'), { probes: false }));
  errs.push(...validateEnum(s.restartPolicy, path.child('restartPolicy'), ['Always', 'OnFailure', 'Never']));
  errs.push(...validateEnum(s.dnsPolicy, path.child('dnsPolicy'), ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']));
  if (s.dnsPolicy === 'None' && !s.dnsConfig) errs.push(field.required(path.child('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
  errs.push(...validateNonnegative(s.terminationGracePeriodSeconds, path.child('terminationGracePeriodSeconds')));
  errs.push(...validatePositive(s.activeDeadlineSeconds, path.child('activeDeadlineSeconds')));
  errs.push(...validateLabelMap(s.nodeSelector, path.child('nodeSelector')));
  errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  if (s.serviceAccountName) for (const m of isDNS1123Subdomain(s.serviceAccountName)) errs.push(field.invalid(path.child('serviceAccountName'), s.serviceAccountName, m));
  if (s.nodeName) for (const m of isDNS1123Subdomain(s.nodeName)) errs.push(field.invalid(path.child('nodeName'), s.nodeName, m));
  if (s.hostname) errs.push(...validateDNSLabel(s.hostname, path.child('hostname')));
  if (s.subdomain) errs.push(...validateDNSLabel(s.subdomain, path.child('subdomain')));
  if (s.preemptionPolicy !== undefined) errs.push(...validateEnum(s.preemptionPolicy, path.child('preemptionPolicy'), ['Never', 'PreemptLowerPriority']));
  errs.push(...validatePodExtras(s, path));
  return errs;
}

/** ValidatePodTemplateSpec: template metadata (labels, annotations) and the spec. */
export function validatePodTemplateSpec(podTemplate: object | undefined, path: Path): ErrorList {
  if (!podTemplate) return [field.required(path, '')];
  const template = podTemplate as J;
  const errs: ErrorList = [];
  const meta = template.metadata ?? {};
  // A template carries no name of its own: validate its labels and annotations only.
  errs.push(...validateObjectMeta({ ...meta, name: 'x' }, false, nameIsDNSSubdomain, path.child('metadata')).filter((e) => !e.field.endsWith('.namespace')));
  errs.push(...validatePodSpec(template.spec, path.child('spec')));
  return errs;
}

/** ValidatePod: the spec plus pod-only rules (ephemeral containers come through their own subresource). */
export function validatePod(pod: KObject): ErrorList {
  const spec = pod.spec as J | undefined;
  const errs = validatePodSpec(spec, Path.root('spec'));
  if (spec?.ephemeralContainers?.length) errs.push(field.forbidden(Path.root('spec').child('ephemeralContainers'), 'cannot be set on create'));
  return errs;
}

/** The fields of a pod's spec an update may change (ValidatePodUpdate). */
const podUpdateMessage =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate: most of a pod's spec is immutable once created. */
export function validatePodUpdate(pod: KObject, old: KObject): ErrorList {
  const errs: ErrorList = [];
  const spec = (pod.spec ?? {}) as J;
  const oldSpec = (old.spec ?? {}) as J;
  const activeDeadline = spec.activeDeadlineSeconds;
  if (oldSpec.activeDeadlineSeconds !== undefined && activeDeadline === undefined) {
    errs.push(field.invalid(Path.root('spec').child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  // Compare the specs with the mutable fields blanked out.
  const strip = (s: J): J => {
    const c = structuredClone(s);
    for (const k of ['containers', 'initContainers']) for (const ct of c[k] ?? []) delete ct.image;
    delete c.activeDeadlineSeconds;
    delete c.tolerations;
    delete c.terminationGracePeriodSeconds;
    delete c.ephemeralContainers;
    return c;
  };
  if (!semanticEqual(strip(spec), strip(oldSpec))) errs.push(field.forbidden(Path.root('spec'), podUpdateMessage));
  const oldTolerations: J[] = oldSpec.tolerations ?? [];
  const newTolerations: J[] = spec.tolerations ?? [];
  for (const t of oldTolerations) {
    if (!newTolerations.some((n) => semanticEqual(n, t))) {
      errs.push(field.forbidden(Path.root('spec').child('tolerations'), 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  return errs;
}
