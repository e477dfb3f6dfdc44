import type { interfaces } from 'inversify';

declare const serviceType: unique symbol;

/**
 * A key of kapi's Inversify container that carries the type of what it is bound to (LoopBack's
 * BindingKey<T>): `bindService(bind, RESTOptionsGetterKey).toConstantValue(x)` refuses an `x` that is
 * not a RESTOptionsGetter, and `getService(container, RESTOptionsGetterKey)` returns one. At run time
 * it is a plain symbol, so `@inject(Key)` and inversify's own API take it unchanged.
 */
export type ServiceKey<T> = symbol & { readonly [serviceType]?: T };

/** The type a ServiceKey is bound to. */
export type ServiceOf<K> = K extends ServiceKey<infer T> ? T : never;

/**
 * The one way to make a key. `Symbol.for(name)`: a plugin that loads its own copy of
 * @kapi/apiserver-core still names the same binding. Names are `kapi.<Interface>`.
 */
export function serviceKey<T>(name: string): ServiceKey<T> {
  return Symbol.for(name) as ServiceKey<T>;
}

/** Something that starts a binding: a ContainerModule's `bind`/`rebind`, or a Container. */
export type Binder = interfaces.Bind | interfaces.Rebind | Pick<interfaces.Container, 'bind'>;

/** Binds `key`, typed: the `to…` that follows accepts only a T. */
export function bindService<T>(binder: Binder, key: ServiceKey<T>): interfaces.BindingToSyntax<T> {
  return typeof binder === 'function' ? (binder as interfaces.Bind)<T>(key) : binder.bind<T>(key);
}

/** The one service bound to `key`. */
export function getService<T>(container: interfaces.Container, key: ServiceKey<T>): T {
  return container.get<T>(key);
}

/** The service bound to `key`, or undefined when nothing is (an optional dependency). */
export function getOptionalService<T>(container: interfaces.Container, key: ServiceKey<T>): T | undefined {
  return container.isBound(key) ? container.get<T>(key) : undefined;
}

/** Every service bound to `key` (a multi-binding such as RESTStorageProviderKey); none is an empty list. */
export function getAllServices<T>(container: interfaces.Container, key: ServiceKey<T>): T[] {
  return container.isBound(key) ? container.getAll<T>(key) : [];
}
