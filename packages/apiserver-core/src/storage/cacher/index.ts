export * from './cacher';
export * from './cached-object';
export * from './cache-watcher';
export * from './event-ring';
export * from './watch-cache';
export * from './watcher-set';
export * from './reflector';
/** Fixtures the cacher's tests share across backends (pods with a spec.nodeName trigger, EventReader). */
export * as cacherTesting from './testing/pods';
export { customResourceFiller, customResourceKey, newCustomResourceCacher } from './testing/custom-resources';
/** The cacher's in-process figures (GET/LIST cached vs backend, watch fan-out, bytes per object). */
export * as cacherBench from './testing/bench';
