import {
  FieldSelector, isCreater, isUpdater, LabelSelector, type APIGroupInfo, type Creater, type KObject, type Lister, type Storage,
  type UpdatedObjectInfo, type Updater,
} from '@kapi/apiserver-core';
import { ingressClassAnnotation, type Ingress } from './types';

/** The annotation that marks an IngressClass as the cluster's default. */
export const isDefaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';

/** Of the classes annotated as default, the newest (by creation time, then name) wins, as kube's plugin chooses. */
export function defaultIngressClassName(classes: KObject[]): string | undefined {
  const defaults = classes.filter((c) => c.metadata?.annotations?.[isDefaultClassAnnotation] === 'true');
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
    if (ta !== tb) return tb - ta;
    return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
  });
  return defaults[0]?.metadata?.name;
}

/** An Ingress that names no class, by field or by the older annotation, gets the default one. */
async function setDefaultClass(ingress: Ingress, classes: Lister): Promise<void> {
  if (ingress.spec?.ingressClassName !== undefined) return;
  if (ingress.metadata?.annotations?.[ingressClassAnnotation] !== undefined) return;
  const list = await classes.list({}, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });
  const name = defaultIngressClassName(list.items);
  if (name !== undefined) ingress.spec = { ...ingress.spec, ingressClassName: name };
}

/** An update that creates (server-side apply of a new Ingress) is a create to admission. */
function defaultingCreates(info: UpdatedObjectInfo, classes: Lister): UpdatedObjectInfo {
  return {
    preconditions: () => info.preconditions(),
    updatedObject: async (ctx, old) => {
      const obj = await info.updatedObject(ctx, old);
      if (!old) await setDefaultClass(obj as Ingress, classes);
      return obj;
    },
  };
}

/**
 * The DefaultIngressClass admission plugin (on by default in kube-apiserver): creates of ingresses
 * go through it before the Store sees them. Only creates: an existing Ingress keeps what it has.
 * Without ingressclasses (turned off by --runtime-config) there is no default to give.
 */
export function admitDefaultIngressClass(info: APIGroupInfo): void {
  const v1 = info.versionedResourcesStorageMap.v1;
  const ingresses = v1?.ingresses;
  const classes = v1?.ingressclasses as (Storage & Lister) | undefined;
  if (!ingresses || !classes || !isCreater(ingresses) || !isUpdater(ingresses)) return;
  v1.ingresses = new Proxy(ingresses, {
    get(target, prop) {
      if (prop === 'create') {
        const create: Creater['create'] = async (ctx, obj, cv, opts) => {
          await setDefaultClass(obj as Ingress, classes);
          return target.create(ctx, obj, cv, opts);
        };
        return create;
      }
      if (prop === 'update') {
        const update: Updater['update'] = (ctx, name, info, cv, uv, force, opts) => target.update(ctx, name, defaultingCreates(info, classes), cv, uv, force, opts);
        return update;
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
