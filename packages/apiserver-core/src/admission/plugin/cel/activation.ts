import type { KObject } from '../../../runtime/object';
import type { Attributes } from '../../attributes';
import { newAdmissionRequest } from '../webhook/review';

/**
 * A decoded JSON value as CEL sees it without a schema: integral numbers are CEL ints (BigInt), the
 * rest stays as it is. kube converts through the object's Go types, where replicas is an int.
 */
export function toCELValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCELValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toCELValue(x);
    return out;
  }
  return v;
}

/** cel.CreateAdmissionRequest: the AdmissionRequest without object and oldObject (they are variables of their own). */
export function admissionRequestValue(a: Attributes, requested: Attributes = a): unknown {
  const { object: _object, oldObject: _oldObject, ...request } = newAdmissionRequest(a, requested) as Record<string, unknown>;
  return toCELValue(request);
}

/** cel.CreateNamespaceObject: the namespace's spec, status and identifying metadata, not its managed fields. */
export function namespaceObjectValue(ns: KObject | undefined): unknown {
  if (!ns) return null;
  const m = ns.metadata ?? {};
  const keep = [
    'name',
    'generateName',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'labels',
    'annotations',
  ] as const;
  const metadata = Object.fromEntries(keep.filter((k) => m[k] !== undefined).map((k) => [k, m[k]]));
  return toCELValue({ apiVersion: 'v1', kind: 'Namespace', metadata, spec: ns.spec ?? {}, status: ns.status ?? {} });
}

/** The object and oldObject of a request as CEL values (null where the operation has none). */
export function objectValues(a: Attributes): { object: unknown; oldObject: unknown } {
  return { object: a.object ? toCELValue(a.object) : null, oldObject: a.oldObject ? toCELValue(a.oldObject) : null };
}
