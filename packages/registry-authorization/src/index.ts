export * from './authorizer/authorizer';
export * from './rest/storage-authorization';
export * from './registry-authorization-module';
export * from './selfsubjectaccessreview/storage';
export * from './selfsubjectrulesreview/storage';
export * as authorizationV1Protobuf from './protobuf/authorization-v1';
