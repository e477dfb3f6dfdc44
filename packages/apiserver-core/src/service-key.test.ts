import 'reflect-metadata';
import { expect } from 'chai';
import { Container, ContainerModule, inject, injectable } from 'inversify';
import { AuthorizerKey, RESTOptionsGetterKey, RESTStorageProviderKey } from './keys';
import type { RESTOptionsGetter } from './registry/generic/options';
import { newDefaultAPIGroupInfo } from './server/api-group-info';
import { RESTStorageProvider } from './server/rest-storage-provider';
import { bindService, getAllServices, getOptionalService, getService, serviceKey } from './service-key';

const provider = (groupName: string): RESTStorageProvider => ({ groupName, newRESTStorage: () => newDefaultAPIGroupInfo(groupName, 'v1') });
const getter: RESTOptionsGetter = {
  getRESTOptions: () => {
    throw new Error('not called');
  },
};

/**
 * Never run: `npx tsc -b` compiles it, and fails if a key and a value of another type are accepted
 * (each @ts-expect-error must meet an error, or tsc reports the directive as unused).
 */
export function keysAndValuesMustAgree(container: Container): void {
  // @ts-expect-error a RESTOptionsGetter key cannot be bound to a RESTStorageProvider
  bindService(container, RESTOptionsGetterKey).toConstantValue(provider('x'));
  // @ts-expect-error nor to a number, through a ContainerModule's bind
  new ContainerModule((bind) => bindService(bind, RESTStorageProviderKey).toConstantValue(42));
  // @ts-expect-error getService returns the key's type: a RESTStorageProvider has no getRESTOptions
  getService(container, RESTStorageProviderKey).getRESTOptions;
  // @ts-expect-error an optional lookup may be undefined
  const authorizer: NonNullable<unknown> = getOptionalService(container, AuthorizerKey);
  void authorizer;
}

describe('ServiceKey', () => {
  it('is Symbol.for its name, so a second copy of apiserver-core names the same binding', () => {
    expect(RESTStorageProviderKey).to.equal(Symbol.for('kapi.RESTStorageProvider'));
    expect(serviceKey<RESTOptionsGetter>('kapi.RESTOptionsGetter')).to.equal(RESTOptionsGetterKey);
    expect(RESTStorageProvider, 'the deprecated name is the same key').to.equal(RESTStorageProviderKey);
  });

  it('binds through a Container or a ContainerModule and resolves the bound values', () => {
    const container = new Container();
    bindService(container, RESTOptionsGetterKey).toConstantValue(getter);
    container.load(
      new ContainerModule((bind) => {
        bindService(bind, RESTStorageProviderKey).toConstantValue(provider('a.example.dev'));
        bindService(bind, RESTStorageProviderKey).toConstantValue(provider('b.example.dev'));
      }),
    );
    expect(getService(container, RESTOptionsGetterKey)).to.equal(getter);
    expect(getAllServices(container, RESTStorageProviderKey).map((p) => p.groupName)).to.deep.equal(['a.example.dev', 'b.example.dev']);
  });

  it('answers undefined and [] for a key nothing is bound to', () => {
    const container = new Container();
    expect(getOptionalService(container, AuthorizerKey)).to.equal(undefined);
    expect(getAllServices(container, RESTStorageProviderKey)).to.deep.equal([]);
    expect(() => getService(container, AuthorizerKey)).to.throw(/No matching bindings found/);
  });

  it('rebinds through a ContainerModule rebind, and @inject(Key) receives the value', () => {
    @injectable()
    class Consumer {
      constructor(@inject(RESTOptionsGetterKey) readonly getter: RESTOptionsGetter) {}
    }
    const other: RESTOptionsGetter = { getRESTOptions: getter.getRESTOptions };
    const container = new Container();
    bindService(container, RESTOptionsGetterKey).toConstantValue(getter);
    container.load(new ContainerModule((_bind, _unbind, _isBound, rebind) => void bindService(rebind, RESTOptionsGetterKey).toConstantValue(other)));
    container.bind(Consumer).toSelf();
    expect(container.get(Consumer).getter).to.equal(other);
  });
});
