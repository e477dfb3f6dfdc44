export * from './rest/storage-admissionregistration';
export * from './registry-admissionregistration-module';
export * from './webhook/types';
export * from './webhook/validation';
export * from './policy/match-resources';
export * from './validatingadmissionpolicy/validation';
export * from './validatingadmissionpolicybinding/validation';
