export * from './descriptor';
export { WireReader, WireType, ProtobufWireError, type FieldTag } from './wire-reader';
export { decodeMessage } from './decode-message';
export { decodeUnknown, protobufMagic, type UnknownEnvelope } from './envelope';
export * from './registry';
export * from './decode-object';
export { GeneratedMessageTables, builtinProtobufMessages, builtinMessage, generatedTablesDir } from './generated-tables';
/** Well-known messages outside meta/v1 (intstr, resource, runtime); meta/v1's Time, MicroTime, Duration and FieldsV1 are in metaV1. */
export { IntOrString, Quantity, RawExtension } from './well-known';
export * as metaV1 from './meta-v1';
