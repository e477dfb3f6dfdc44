import type { KObject, J } from '@kapi/apiserver-core';

/**
 * What the Node authorizer reads of the cluster. kube keeps a graph of pods, secrets, configmaps,
 * claims and volumes fed by informers; kapi asks the stores instead (the control plane wires these
 * to the core group's storages once the APIs are installed). A lookup of something absent resolves
 * to undefined.
 */
export interface NodeGraphSource {
  /** The pods bound to a node (spec.nodeName). */
  podsOnNode(nodeName: string): Promise<KObject[]>;
  getPersistentVolumeClaim(namespace: string, name: string): Promise<KObject | undefined>;
  getPersistentVolume(name: string): Promise<KObject | undefined>;
  /** storage.k8s.io VolumeAttachments; absent while kapi serves no storage group. */
  getVolumeAttachment?(name: string): Promise<KObject | undefined>;
}

type Obj = J;

const containersOf = (spec: Obj): Obj[] => [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
const names = (...values: unknown[]): string[] => values.filter((v): v is string => typeof v === 'string' && v !== '');

/** podutil.VisitPodSecretNames: pull secrets, env and envFrom references, and secret-bearing volumes. */
export function podSecretNames(pod: KObject): string[] {
  const spec = (pod.spec ?? {}) as Obj;
  const out = names(...(spec.imagePullSecrets ?? []).map((s: Obj) => s.name));
  for (const c of containersOf(spec)) {
    out.push(...names(...(c.env ?? []).map((e: Obj) => e.valueFrom?.secretKeyRef?.name)));
    out.push(...names(...(c.envFrom ?? []).map((e: Obj) => e.secretRef?.name)));
  }
  for (const v of spec.volumes ?? []) {
    out.push(
      ...names(
        v.secret?.secretName,
        v.azureFile?.secretName,
        v.cephfs?.secretRef?.name,
        v.cinder?.secretRef?.name,
        v.flexVolume?.secretRef?.name,
        v.iscsi?.secretRef?.name,
        v.rbd?.secretRef?.name,
        v.scaleIO?.secretRef?.name,
        v.storageos?.secretRef?.name,
        v.csi?.nodePublishSecretRef?.name,
        ...(v.projected?.sources ?? []).map((s: Obj) => s.secret?.name),
      ),
    );
  }
  return out;
}

/** podutil.VisitPodConfigmapNames: env, envFrom, configMap and projected volumes. */
export function podConfigMapNames(pod: KObject): string[] {
  const spec = (pod.spec ?? {}) as Obj;
  const out: string[] = [];
  for (const c of containersOf(spec)) {
    out.push(...names(...(c.env ?? []).map((e: Obj) => e.valueFrom?.configMapKeyRef?.name)));
    out.push(...names(...(c.envFrom ?? []).map((e: Obj) => e.configMapRef?.name)));
  }
  for (const v of spec.volumes ?? []) {
    out.push(...names(v.configMap?.name, ...(v.projected?.sources ?? []).map((s: Obj) => s.configMap?.name)));
  }
  return out;
}

/** The claims a pod mounts: persistentVolumeClaim volumes, and the `<pod>-<volume>` claim of a generic ephemeral volume. */
export function podClaimNames(pod: KObject): string[] {
  const spec = (pod.spec ?? {}) as Obj;
  return (spec.volumes ?? []).flatMap((v: Obj) => {
    if (v.persistentVolumeClaim?.claimName) return [v.persistentVolumeClaim.claimName as string];
    if (v.ephemeral) return [`${pod.metadata?.name ?? ''}-${v.name}`];
    return [];
  });
}

/** The secrets a persistent volume refers to (pvutil.VisitPVSecretNames), each with its namespace. */
export function persistentVolumeSecretRefs(pv: KObject): { namespace: string; name: string }[] {
  const spec = (pv.spec ?? {}) as Obj;
  const refs: Obj[] = [
    spec.cephfs?.secretRef,
    spec.cinder?.secretRef,
    spec.flexVolume?.secretRef,
    spec.rbd?.secretRef,
    spec.scaleIO?.secretRef,
    spec.iscsi?.secretRef,
    spec.storageos?.secretRef,
    spec.csi?.controllerPublishSecretRef,
    spec.csi?.nodeStageSecretRef,
    spec.csi?.nodePublishSecretRef,
    spec.csi?.controllerExpandSecretRef,
    spec.csi?.nodeExpandSecretRef,
  ];
  const out = refs.filter((r) => r?.name && r?.namespace).map((r) => ({ namespace: r.namespace as string, name: r.name as string }));
  if (spec.azureFile?.secretName) out.push({ namespace: spec.azureFile.secretNamespace || 'default', name: spec.azureFile.secretName });
  return out;
}
