import {
  ColumnTableConvertor,
  nameColumn,
  newNotFound,
  type GetOptions,
  type KList,
  type KObject,
  type ListOptions,
  type RequestContext,
  type StorageBackend,
  type Table,
  type TableOptions,
} from '@kapi/apiserver-core';

/** The component a ComponentStatus row names for a storage backend (kube-apiserver: etcd-0, etcd-1 …). */
function componentName(backend: StorageBackend): string {
  return `${backend.type === 'etcd3' ? 'etcd' : backend.type}-0`;
}

/** kubectl get componentstatuses: NAME STATUS MESSAGE ERROR. */
const componentStatusTable = new ColumnTableConvertor([
  nameColumn,
  {
    name: 'Status',
    description: 'Status of the component conditions',
    cell: (o) => ((o.conditions as { status?: string }[] | undefined)?.[0]?.status === 'True' ? 'Healthy' : 'Unhealthy'),
  },
  { name: 'Message', description: 'Message of the component conditions', cell: (o) => (o.conditions as { message?: string }[] | undefined)?.[0]?.message ?? '' },
  { name: 'Error', description: 'Error of the component conditions', cell: (o) => (o.conditions as { error?: string }[] | undefined)?.[0]?.error ?? '' },
]);

/**
 * componentstatuses (pkg/registry/core/componentstatus): read-only, one row per storage server
 * the API server depends on, filled by that backend's health check at request time.
 */
export class ComponentStatusREST {
  constructor(private readonly backend: StorageBackend) {}

  newObject(): KObject {
    return { apiVersion: 'v1', kind: 'ComponentStatus' };
  }

  newList(): KList {
    return { apiVersion: 'v1', kind: 'ComponentStatusList', metadata: {}, items: [] };
  }

  namespaceScoped(): boolean {
    return false;
  }

  shortNames(): string[] {
    return ['cs'];
  }

  private async status(): Promise<KObject> {
    let condition: Record<string, string>;
    try {
      await this.backend.healthCheck();
      condition = { type: 'Healthy', status: 'True', message: 'ok' };
    } catch (err) {
      condition = { type: 'Healthy', status: 'False', error: (err as Error).message };
    }
    return { apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name: componentName(this.backend) }, conditions: [condition] };
  }

  async list(_ctx: RequestContext, opts: ListOptions): Promise<KList> {
    const list = this.newList();
    const item = await this.status();
    if (opts.labelSelector.matches(item.metadata?.labels) && opts.fieldSelector.matches({ 'metadata.name': item.metadata?.name ?? '' })) list.items.push(item);
    return list;
  }

  async get(_ctx: RequestContext, name: string, _opts: GetOptions): Promise<KObject> {
    if (name !== componentName(this.backend)) throw newNotFound({ group: '', resource: 'componentstatuses' }, name);
    return this.status();
  }

  convertToTable(ctx: RequestContext, obj: KObject | KList, opts: TableOptions): Promise<Table> {
    return componentStatusTable.convertToTable(ctx, obj, opts);
  }
}
