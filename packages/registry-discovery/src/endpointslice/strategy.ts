import { isDNS1123Subdomain, semanticEqual, type KObject, type RequestContext, type StrategyHooks } from '@kapi/apiserver-core';
import { setEndpointSliceDefaults } from './defaults';
import type { EndpointSlice } from './types';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './validation';

const hostnameLabel = 'kubernetes.io/hostname';

/**
 * deprecatedTopology is not writable through v1. A client that read a slice written through
 * v1beta1 and sends it back keeps its node: the hostname the stored slice had there moves to
 * nodeName before the map is dropped (as kube's dropTopologyOnV1).
 */
function dropTopology(slice: EndpointSlice, old?: EndpointSlice): void {
  const previousNodes = new Set((old?.endpoints ?? []).map((e) => e.deprecatedTopology?.[hostnameLabel]).filter((n): n is string => !!n));
  for (const endpoint of slice.endpoints ?? []) {
    const node = endpoint.deprecatedTopology?.[hostnameLabel];
    if (endpoint.nodeName === undefined && node && previousNodes.has(node) && isDNS1123Subdomain(node).length === 0) endpoint.nodeName = node;
    delete endpoint.deprecatedTopology;
  }
}

/** Compared as JSON values: key order and absent-vs-undefined are no change. */
const sameValue = (a: unknown, b: unknown) => semanticEqual(a ?? null, b ?? null);

/** A slice has no spec: its generation moves when anything but the metadata changes, or its labels do. */
function bumpGeneration(slice: EndpointSlice, old: EndpointSlice): void {
  const { metadata: meta, ...body } = slice;
  const { metadata: oldMeta, ...oldBody } = old;
  if (!sameValue(body, oldBody) || !sameValue(meta?.labels ?? {}, oldMeta?.labels ?? {})) {
    slice.metadata = { ...meta, generation: (oldMeta?.generation ?? 0) + 1 };
  }
}

/** FQDN slices are still accepted; kube warns on create (with its own "spec." path, though a slice has no spec). */
function warnOnDeprecatedAddressType(slice: EndpointSlice): string[] {
  return slice.addressType === 'FQDN' ? ['spec.addressType: FQDN endpoints are deprecated'] : [];
}

export const endpointSliceStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => {
    const slice = obj as EndpointSlice;
    setEndpointSliceDefaults(slice);
    slice.metadata = { ...slice.metadata, generation: 1 };
    dropTopology(slice);
  },
  prepareForUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => {
    const slice = obj as EndpointSlice;
    setEndpointSliceDefaults(slice);
    bumpGeneration(slice, old as EndpointSlice);
    dropTopology(slice, old as EndpointSlice);
  },
  validate: (_ctx: RequestContext, obj: KObject) => validateEndpointSlice(obj as EndpointSlice),
  warningsOnCreate: (_ctx: RequestContext, obj: KObject) => warnOnDeprecatedAddressType(obj as EndpointSlice),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateEndpointSliceUpdate(obj as EndpointSlice, old as EndpointSlice),
};
