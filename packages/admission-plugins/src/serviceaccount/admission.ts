import { randomInt } from 'node:crypto';
import {
  generateName,
  handlesOperations,
  isGetter,
  isStatusError,
  newAdmissionForbidden,
  newNotFound,
  type AdmissionPlugin,
  type Attributes,
  type KObject,
  type MutationInterface,
  type RequestContext,
  type StorageLookup,
  type ValidationInterface,
  type WantsStorageLookup,
  type J,
} from '@kapi/apiserver-core';

interface ServiceAccountObject extends KObject {
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: Array<{ name?: string }>;
}

/** The name kube's serviceaccounts controller gives every namespace's account. */
export const defaultServiceAccountName = 'default';
/** Where the projected token, CA bundle and namespace are mounted in every container (DefaultAPITokenMountPath). */
export const serviceAccountMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The token volume's name prefix (ServiceAccountVolumeName); a random suffix follows. */
export const serviceAccountVolumePrefix = 'kube-api-access-';
/** A static pod's mirror: the kubelet, not the API, decides what it runs, so it may name no account. */
const mirrorPodAnnotation = 'kubernetes.io/config.mirror';

/** How long to wait for `default`, which the serviceaccounts controller creates a moment after its namespace. */
export interface ServiceAccountRetry {
  attempts: number;
  /** A random interval in [minMs, minMs + jitterMs), the same for every retry of one lookup, as kube's. */
  intervalMs: () => number;
}

const kubeRetry: ServiceAccountRetry = { attempts: 10, intervalMs: () => 100 + randomInt(100) };

/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount): a pod created without an account runs as
 * `default`; the account it names must exist (`error looking up service account ns/name: …`);
 * unless the pod or its account turns automount off, every container and init container mounts a
 * projected `kube-api-access-<random>` volume (a bound token, the cluster CA, the namespace) at
 * /var/run/secrets/kubernetes.io/serviceaccount; a pod without image pull secrets gets its
 * account's. Mirror pods may reference no account.
 */
export class ServiceAccount implements MutationInterface, ValidationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE');
  private lookup?: StorageLookup;

  constructor(private readonly retry: ServiceAccountRetry = kubeRetry) {}

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    const pod = podOf(a);
    if (!pod || isMirrorPod(pod)) return;
    const spec = (pod.spec ??= {}) as J;
    // kube admits decoded pods; kapi's raw JSON of the wrong shape is left to validation's 400/422.
    if (!wellFormed(spec)) return;
    // v1's deprecated `serviceAccount` stands for the name when the name is empty (Convert_v1_PodSpec_To_core_PodSpec).
    spec.serviceAccountName ||= spec.serviceAccount || defaultServiceAccountName;
    spec.serviceAccount = spec.serviceAccountName;
    const account = await this.serviceAccount(a, spec.serviceAccountName);
    if (shouldAutomount(account, spec)) mountServiceAccountToken(spec);
    if (!spec.imagePullSecrets?.length && account.imagePullSecrets?.length) {
      spec.imagePullSecrets = account.imagePullSecrets.map((s) => ({ name: s.name }));
    }
  }

  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    const pod = podOf(a);
    if (!pod) return;
    const spec = (pod.spec ?? {}) as J;
    if (!wellFormed(spec)) return;
    const name = spec.serviceAccountName || spec.serviceAccount;
    if (isMirrorPod(pod)) {
      if (name) throw newAdmissionForbidden(a, 'a mirror pod may not reference service accounts');
      return;
    }
    if (!name) throw newAdmissionForbidden(a, `no service account specified for pod ${a.namespace}/${pod.metadata?.name ?? ''}`);
    await this.serviceAccount(a, name);
  }

  /**
   * getServiceAccount: a read, repeated a few times for `default` only — the serviceaccounts
   * controller creates it just after its namespace, and a pod created at once should not fail.
   */
  private async serviceAccount(a: Attributes, name: string): Promise<ServiceAccountObject> {
    const accounts = this.lookup?.({ group: '', resource: 'serviceaccounts' });
    if (!accounts || !isGetter(accounts)) throw forbidden(a, name, 'serviceaccounts are not served');
    const attempts = name === defaultServiceAccountName ? this.retry.attempts : 1;
    const interval = this.retry.intervalMs();
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, interval));
      try {
        return (await accounts.get({ namespace: a.namespace }, name, {})) as ServiceAccountObject;
      } catch (err) {
        if (!isStatusError(err) || err.code !== 404) throw forbidden(a, name, (err as Error).message);
      }
    }
    throw forbidden(a, name, newNotFound({ group: '', resource: 'serviceaccount' }, name).message);
  }
}

function forbidden(a: Attributes, name: string, cause: string) {
  return newAdmissionForbidden(a, `error looking up service account ${a.namespace}/${name}: ${cause}`);
}

/** shouldIgnore: pods themselves only, not their subresources. */
function podOf(a: Attributes): KObject | undefined {
  if (a.operation !== 'CREATE' || a.resource.group !== '' || a.resource.resource !== 'pods' || a.subresource !== '') return undefined;
  return a.object;
}

function isMirrorPod(pod: KObject): boolean {
  const annotations = pod.metadata?.annotations;
  return isObject(annotations) && annotations[mirrorPodAnnotation] !== undefined;
}

const isObject = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);
const isListOfObjects = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.every(isObject));
const isOptionalString = (v: unknown) => v === undefined || v === null || typeof v === 'string';

/** The fields this plugin reads and writes have the types of a decoded PodSpec. */
function wellFormed(spec: unknown): spec is J {
  if (!isObject(spec)) return false;
  if (!isOptionalString(spec.serviceAccountName) || !isOptionalString(spec.serviceAccount)) return false;
  if (!isListOfObjects(spec.volumes) || !isListOfObjects(spec.imagePullSecrets)) return false;
  const containers = [spec.containers, spec.initContainers];
  if (!containers.every(isListOfObjects)) return false;
  return containers.every((list) => ((list ?? []) as J[]).every((c) => isListOfObjects(c.volumeMounts)));
}

/** The pod's own preference wins, then the account's; on by default. */
function shouldAutomount(account: ServiceAccountObject, spec: J): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  if (typeof account.automountServiceAccountToken === 'boolean') return account.automountServiceAccountToken;
  return true;
}

/** TokenVolumeSource: a bound token of about an hour, the cluster CA bundle, the pod's namespace. */
export function tokenVolumeSource(): J {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

/**
 * mountServiceAccountToken: every init and regular container without a mount at the token path
 * gets one; the volume (an existing `kube-api-access-*` one, else a new one) is added only if a
 * container needs it.
 */
export function mountServiceAccountToken(spec: J): void {
  const existing = ((spec.volumes ?? []) as J[]).find((v) => String(v.name ?? '').startsWith(serviceAccountVolumePrefix));
  // names.SimpleNameGenerator, as kube names the volume.
  const name: string = existing?.name ?? generateName(serviceAccountVolumePrefix);
  let needed = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as J[]) {
    if ((c.volumeMounts ?? []).some((m: J) => m.mountPath === serviceAccountMountPath)) continue;
    (c.volumeMounts ??= []).push({ name, readOnly: true, mountPath: serviceAccountMountPath });
    needed = true;
  }
  if (needed && !existing) (spec.volumes ??= []).push({ name, projected: tokenVolumeSource() });
}

export const serviceAccountPlugin: AdmissionPlugin = { name: 'ServiceAccount', newPlugin: () => new ServiceAccount() };
