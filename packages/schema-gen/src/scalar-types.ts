/**
 * Field types TypeScript has no word for, as Go's int32/int64/metav1.Time/intstr.IntOrString give
 * controller-gen: `count?: int32` is `{type: integer, format: int32}` in the schema. The generator
 * recognises them by name, so a plugin imports them as types only (`import type { int32 } from '@kapi/schema-gen'`).
 */
export type int32 = number;
export type int64 = number;
/** An RFC 3339 timestamp (`format: date-time`), as metav1.Time serializes. */
export type DateTime = string;
/** An integer or a string (`x-kubernetes-int-or-string`), as intstr.IntOrString. */
export type IntOrString = number | string;
