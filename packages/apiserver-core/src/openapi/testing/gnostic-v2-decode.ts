import yaml from 'js-yaml';
import { gnosticDocumentType } from '../protobuf/gnostic-v2-schema';
import type { J } from '../../util/loose-json';

/** A decoded gnostic message as protobufjs' toObject renders it (the .proto's snake_case names); walked loosely here. */
type GnosticMessage = J;

/** /openapi/v2 protobuf bytes back into gnostic's Document, for tests that compare it with the JSON. */
export function decodeOpenAPIV2Protobuf(bytes: Uint8Array): Record<string, unknown> {
  const type = gnosticDocumentType();
  return type.toObject(type.decode(bytes), { longs: Number, defaults: false, arrays: false });
}

/** gnostic's YAML-valued vendor extensions as a JSON object. */
export function extensionsOf(msg: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(((msg.vendor_extension ?? []) as GnosticMessage[]).map((e) => [e.name, yaml.load(e.value.yaml)]));
}

const camel = (key: string): string => (key === '_ref' ? '$ref' : key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));

/** A gnostic Schema message as the Swagger 2.0 schema object it was made from. */
export function swaggerSchemaOf(msg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(msg as GnosticMessage)) {
    if (k === 'type') out.type = v.value.length === 1 ? v.value[0] : v.value;
    else if (k === 'items') out.items = v.schema.length === 1 ? swaggerSchemaOf(v.schema[0]) : v.schema.map(swaggerSchemaOf);
    else if (k === 'properties') out.properties = Object.fromEntries((v.additional_properties ?? []).map((p: GnosticMessage) => [p.name, swaggerSchemaOf(p.value)]));
    else if (k === 'additional_properties') out.additionalProperties = v.schema ? swaggerSchemaOf(v.schema) : v.boolean;
    else if (k === 'all_of') out.allOf = v.map(swaggerSchemaOf);
    else if (k === 'default' || k === 'example') out[k] = yaml.load(v.yaml);
    else if (k === 'enum') out.enum = v.map((a: GnosticMessage) => yaml.load(a.yaml));
    else if (k !== 'vendor_extension') out[camel(k)] = v;
  }
  return { ...out, ...extensionsOf(msg) };
}
