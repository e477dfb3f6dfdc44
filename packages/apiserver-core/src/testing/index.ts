/**
 * `@kapi/apiserver-core/testing`: the contract tests and helpers a backend, a cacher or a test suite
 * runs against apiserver-core, as k8s.io/apiserver ships `pkg/storage/testing`. They use mocha and
 * chai, so they live behind this subpath and chai stays a development dependency: a server that
 * imports the main entry never loads them.
 */
export * from '../storage/testing/conformance';
export * from '../storage/cacher/testing/consistency';
export * from '../storage/cacher/testing/pressure';
export * from './property-runs';
export * from './eventually';
