/** Every core/v1 message kapi declares, one module per area of the API. */
export * from './core-v1-affinity';
export * from './core-v1-claim';
export * from './core-v1-container';
export * from './core-v1-node';
export * from './core-v1-objects';
export * from './core-v1-persistent-volume';
export * from './core-v1-pod-status';
export * from './core-v1-pod';
export * from './core-v1-service';
export * from './core-v1-volume-projection';
export * from './core-v1-volume';
