export * from './rest/storage-certificates';
export * from './registry-certificates-module';
export * from './certificatesigningrequest/definition';
export { csrCondition } from './certificatesigningrequest/table';
