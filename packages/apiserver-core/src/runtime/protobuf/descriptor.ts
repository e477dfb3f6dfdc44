/** A JSON value as encoding/json would write it. */
export type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };

/** Scalar protobuf types Kubernetes uses (bytes render as base64, as encoding/json writes []byte). */
export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'uint32' | 'double' | 'bytes';

export interface ListType {
  readonly list: ElementType;
}

/** map<string, V>: on the wire a repeated entry message {key = 1, value = 2}. */
export interface MapType {
  readonly map: ElementType;
}

export type ElementType = ScalarType | MessageDescriptor;
export type FieldType = ElementType | ListType | MapType;

/**
 * How the Go field renders in JSON, which decides what to write when the wire leaves it out or
 * holds its zero value:
 * - (none)        a value field with `omitempty`: zero scalars, empty lists and maps are left out;
 *                 a struct is always written (encoding/json never omits structs).
 * - 'noOmitEmpty' written even when zero (`json:"port"`); an empty list or map is written as null.
 * - 'pointer'     a pointer with `omitempty`: written exactly when present on the wire, even if zero.
 * - 'nullable'    a pointer without `omitempty`: null when absent.
 * - 'inline'      an embedded struct (`json:",inline"`) whose fields join the parent object.
 */
export type FieldMode = 'noOmitEmpty' | 'pointer' | 'nullable' | 'inline';

/** One row of a message table: field number, JSON name, type, mode. */
export type FieldTuple = readonly [number, string, FieldType, FieldMode?];

export interface FieldDescriptor {
  readonly number: number;
  readonly jsonName: string;
  readonly type: FieldType;
  readonly mode?: FieldMode;
}

/**
 * A protobuf message as Kubernetes' generated.proto declares it, reduced to what a decoder needs to
 * produce the JSON kube-apiserver would: field numbers mapped to JSON names, in Go struct order.
 * A well-known message (Time, Quantity, IntOrString …) instead maps its bytes to one JSON value.
 */
export interface MessageDescriptor {
  readonly name: string;
  readonly fields: readonly FieldDescriptor[];
  readonly byNumber: ReadonlyMap<number, FieldDescriptor>;
  /**
   * For well-known types: the JSON value of the encoded bytes (empty bytes = the Go zero value). A decoder
   * that decodes messages in turn passes depth on to decodeMessage, which bounds the nesting.
   */
  readonly decodeWellKnown?: (bytes: Uint8Array, depth: number) => JSONValue;
}

export function message(name: string, rows: readonly FieldTuple[]): MessageDescriptor {
  const fields = rows.map(([number, jsonName, type, mode]) => ({ number, jsonName, type, mode }));
  const byNumber = new Map<number, FieldDescriptor>();
  for (const f of fields) {
    if (byNumber.has(f.number)) throw new Error(`protobuf message ${name}: field number ${f.number} declared twice`);
    byNumber.set(f.number, f);
  }
  return { name, fields, byNumber };
}

export function wellKnown(name: string, decode: (bytes: Uint8Array, depth: number) => JSONValue): MessageDescriptor {
  return { name, fields: [], byNumber: new Map(), decodeWellKnown: decode };
}

export function list(element: ElementType): ListType {
  return { list: element };
}

export function map(value: ElementType): MapType {
  return { map: value };
}

export function isMessage(t: FieldType): t is MessageDescriptor {
  return typeof t === 'object' && 'byNumber' in t;
}

export function isList(t: FieldType): t is ListType {
  return typeof t === 'object' && 'list' in t;
}

export function isMap(t: FieldType): t is MapType {
  return typeof t === 'object' && 'map' in t;
}
