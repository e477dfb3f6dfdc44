export * from './field-set';
export * from './managed-fields';
export * from './type-shape';
export * from './structured-merge';
export * from './updater';
export * from './field-manager';
export * from './endpoint-support';
export * from './scale';
