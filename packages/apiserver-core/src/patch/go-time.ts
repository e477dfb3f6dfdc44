import { metaTime } from '../runtime/meta-time';
import { refName, type SchemaObject } from '../schema/types';
import { refOf } from './type-check';

const META_V1_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Whether a field is a metav1.Time (not a MicroTime: Lease renewTime and Event eventTime keep microseconds). */
export const isMetaV1Time = (schema: SchemaObject): boolean => {
  const ref = refOf(schema);
  return ref !== undefined && refName(ref) === META_V1_TIME;
};

/**
 * A metav1.Time as Go decodes and re-encodes it: whole seconds in UTC (`2026-01-01T00:00:00.5+01:00`
 * is stored as `2025-12-31T23:00:00Z`), since metav1.Time marshals in RFC 3339 without fraction. A
 * value that is not RFC 3339 is left to validation as it was.
 */
export function asMetaV1Time(value: string): string {
  if (!RFC3339.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return metaTime(ms);
}
