import {
  DefaultStrategy, Store, type GetOptions, type Getter, type KList, type KObject, type Lister, type ListOptions, type RESTOptionsGetter,
  type RequestContext, type Scoper, type Storage, type Table, type TableOptions, type Watcher,
} from '@kapi/apiserver-core';

/**
 * customresourcedefinitions, read only. kapi serves no custom resources, so it offers no way to
 * create a CRD and answers as a cluster without any: an empty list, NotFound, a watch that stays
 * quiet. kube-apiserver always serves this resource (apiextensions-apiserver ends its server chain)
 * and clients count on listing it: before validating a kind without PATCH (TokenReview,
 * SubjectAccessReview …) kubectl lists CRDs to learn whether the kind is one (cli-runtime's
 * QueryParamVerifier), and `kubectl create -f` fails when that list is a 404.
 */
export class CustomResourceDefinitionREST implements Storage, Scoper, Getter, Lister, Watcher {
  constructor(private readonly store: Store) {}

  newObject(): KObject {
    return this.store.newObject();
  }

  newList(): KList {
    return this.store.newList();
  }

  namespaceScoped(): boolean {
    return false;
  }

  shortNames(): string[] {
    return ['crd', 'crds'];
  }

  categories(): string[] {
    return ['api-extensions'];
  }

  get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    return this.store.get(ctx, name, opts);
  }

  list(ctx: RequestContext, opts: ListOptions): Promise<KList> {
    return this.store.list(ctx, opts);
  }

  watch(ctx: RequestContext, opts: ListOptions): ReturnType<Watcher['watch']> {
    return this.store.watch(ctx, opts);
  }

  convertToTable(ctx: RequestContext, obj: KObject | KList, opts: TableOptions): Promise<Table> {
    return this.store.convertToTable(ctx, obj, opts);
  }

  destroy(): void | Promise<void> {
    return this.store.destroy();
  }
}

/** Never exercised by a write (the REST above offers none); it tells the Store the kind is cluster-scoped. */
class CustomResourceDefinitionStrategy extends DefaultStrategy {
  readonly kind = { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' };
  namespaceScoped(): boolean {
    return false;
  }
}

export function newCustomResourceDefinitionREST(optsGetter: RESTOptionsGetter): CustomResourceDefinitionREST {
  const resource = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };
  const store = new Store({
    newFunc: () => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }),
    newListFunc: () => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinitionList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: resource.group, resource: 'customresourcedefinition' },
    createStrategy: new CustomResourceDefinitionStrategy(),
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
  return new CustomResourceDefinitionREST(store);
}
