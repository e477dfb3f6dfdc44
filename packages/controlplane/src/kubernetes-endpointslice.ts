import { randomUUID } from 'node:crypto';
import { isStatusError, nowRFC3339, semanticEqual, type APIGroupInfo, type KObject, type Store } from '@kapi/apiserver-core';
import { endpointSliceFromEndpoints } from '@kapi/registry-discovery';

/** The parts of a slice the reconciler owns: a slice already holding them is left alone. */
const owned = (o: KObject) =>
  JSON.parse(
    JSON.stringify([o.metadata?.labels, (o as { addressType?: string }).addressType, (o as { ports?: unknown }).ports ?? null, (o as { endpoints?: unknown }).endpoints ?? null]),
  );

/**
 * The EndpointSlice half of kube-apiserver's endpoint reconciler: the `kubernetes` Endpoints the
 * bootstrap controller keeps is mirrored to the `kubernetes` EndpointSlice in `default`, which is
 * what kube-proxy and in-cluster clients resolve the API server through. Written to storage
 * directly, like the Endpoints: the address may be loopback, which user-facing validation refuses.
 * Nothing to do when either group is turned off.
 */
export async function reconcileKubernetesEndpointSlice(groups: ReadonlyMap<string, APIGroupInfo>): Promise<void> {
  const endpoints = groups.get('')?.versionedResourcesStorageMap.v1?.endpoints as Store | undefined;
  const slices = groups.get('discovery.k8s.io')?.versionedResourcesStorageMap.v1?.endpointslices as Store | undefined;
  if (!endpoints || !slices) return;
  const ctx = { namespace: 'default' };
  const source = await endpoints.get(ctx, 'kubernetes', {}).catch((err) => {
    if (isStatusError(err) && err.code === 404) return undefined;
    throw err;
  });
  if (!source) return;
  const desired = endpointSliceFromEndpoints(source);
  await slices.storage.guaranteedUpdate(slices.config.keyFunc!(ctx, 'kubernetes'), {
    ignoreNotFound: true,
    tryUpdate: async (cur) => {
      if (cur.metadata?.uid && semanticEqual(owned(cur), owned(desired))) return { obj: cur };
      const meta = cur.metadata?.uid
        ? { ...cur.metadata, labels: desired.metadata?.labels, generation: (cur.metadata.generation ?? 1) + 1 }
        : { ...desired.metadata, uid: randomUUID(), creationTimestamp: nowRFC3339() as never, generation: 1 };
      return { obj: { ...desired, metadata: meta } };
    },
  });
}
