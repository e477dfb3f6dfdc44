import { list, message, wellKnown, type JSONValue, type MessageDescriptor } from './descriptor';
import { decodeMessage } from './decode-message';
import { rawJSON } from './well-known';

/*
 * apiextensions.k8s.io/v1 types that marshal their own JSON (k8s.io/apiextensions-apiserver
 * pkg/apis/apiextensions/v1/marshal.go): on the wire plain messages, in JSON one value that is either
 * a schema or something simpler. Their wire tables are written here; JSONSchemaProps itself is generated.
 */

export const apiextensionsV1Package = 'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1';

/** apiextensions JSON: its raw bytes are the JSON value (default, example, enum members); empty is null. */
export const apiextensionsJSON = wellKnown('JSON', (bytes) => rawJSON('JSON', bytes));

/** The unions around JSONSchemaProps, built once the generated JSONSchemaProps is resolved. */
export function jsonSchemaUnions(schemaProps: MessageDescriptor): Record<string, MessageDescriptor> {
  const orArray = message('JSONSchemaPropsOrArray', [
    [1, 'schema', schemaProps, 'pointer'],
    [2, 'jsonSchemas', list(schemaProps)],
  ]);
  const orBool = message('JSONSchemaPropsOrBool', [
    [1, 'allows', 'bool'],
    [2, 'schema', schemaProps, 'pointer'],
  ]);
  const orStringArray = message('JSONSchemaPropsOrStringArray', [
    [1, 'schema', schemaProps, 'pointer'],
    [2, 'property', list('string')],
  ]);
  type Union = { schema?: JSONValue; jsonSchemas?: JSONValue[]; allows?: boolean; property?: JSONValue[] };
  // The depth goes on, so that schemas nested through these unions stay bounded like any other message.
  const read = (desc: MessageDescriptor, bytes: Uint8Array, depth: number) => decodeMessage(desc, bytes, depth) as Union;
  return {
    // items: a list of schemas when there are any, else the schema (null when neither).
    JSONSchemaPropsOrArray: wellKnown(orArray.name, (bytes, depth) => {
      const v = read(orArray, bytes, depth);
      return v.jsonSchemas?.length ? v.jsonSchemas : (v.schema ?? null);
    }),
    // additionalProperties, additionalItems: the schema when set, else the boolean.
    JSONSchemaPropsOrBool: wellKnown(orBool.name, (bytes, depth) => {
      const v = read(orBool, bytes, depth);
      return v.schema ?? v.allows ?? false;
    }),
    // dependencies values: a property list when there is one, else the schema (null when neither).
    JSONSchemaPropsOrStringArray: wellKnown(orStringArray.name, (bytes, depth) => {
      const v = read(orStringArray, bytes, depth);
      return v.property?.length ? v.property : (v.schema ?? null);
    }),
  };
}
