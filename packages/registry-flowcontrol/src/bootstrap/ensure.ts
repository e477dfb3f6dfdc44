import {
  FieldSelector,
  isCreater,
  isGetter,
  isGracefulDeleter,
  isLister,
  isStatusError,
  isUpdater,
  LabelSelector,
  semanticEqual,
  type KObject,
  type RequestContext,
  type Storage,
} from '@kapi/apiserver-core';
import { setFlowSchemaDefaults } from '../flowschema/defaults';
import { setPriorityLevelDefaults } from '../prioritylevelconfiguration/defaults';
import type { PriorityLevelConfiguration } from '../prioritylevelconfiguration/types';
import { autoUpdateAnnotation } from './annotations';
import { mandatoryFlowSchemas, suggestedFlowSchemas } from './flow-schemas';
import { mandatoryPriorityLevels, suggestedPriorityLevels } from './priority-levels';

/** The server's own writes: no user, no namespace (both kinds are cluster-scoped). */
const ctx: RequestContext = {};

/** One kind's storage and how its bootstrap spec compares with a stored one. */
interface ConfigurationKind {
  storage: Storage;
  specEqualish(bootstrap: KObject, current: KObject): boolean;
}

/** strconv.ParseBool's accepted spellings; undefined when the value is none of them. */
function parseBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** A suggested object follows the server while its annotation says so; without one, while nobody changed its spec. */
function shouldUpdateSpec(current: KObject): boolean {
  return parseBool(current.metadata?.annotations?.[autoUpdateAnnotation]) ?? current.metadata?.generation === 1;
}

/** ReviseIfNeeded: the object to write back, or undefined when the stored one is as it should be. */
export function revise(kind: ConfigurationKind, current: KObject, bootstrap: KObject, mandatory: boolean): KObject | undefined {
  const autoUpdate = mandatory || shouldUpdateSpec(current);
  const annotationStale = parseBool(current.metadata?.annotations?.[autoUpdateAnnotation]) !== autoUpdate;
  const specChanged = autoUpdate && !kind.specEqualish(bootstrap, current);
  if (!annotationStale && !specChanged) return undefined;
  const revised = structuredClone(current);
  if (specChanged) revised.spec = structuredClone(bootstrap.spec);
  if (annotationStale) revised.metadata = { ...revised.metadata, annotations: { ...revised.metadata?.annotations, [autoUpdateAnnotation]: String(autoUpdate) } };
  return revised;
}

async function getOrUndefined(storage: Storage, name: string): Promise<KObject | undefined> {
  if (!isGetter(storage)) throw new Error('flowcontrol storage cannot get');
  try {
    return await storage.get(ctx, name, {});
  } catch (err) {
    if (isStatusError(err) && err.code === 404) return undefined;
    throw err;
  }
}

/** One bootstrap object created, or revised when the stored one is stale. */
async function ensureObject(kind: ConfigurationKind, wanted: KObject, mandatory: boolean): Promise<void> {
  const { storage } = kind;
  const name = wanted.metadata?.name ?? '';
  const current = await getOrUndefined(storage, name);
  if (!current) {
    if (!isCreater(storage)) throw new Error('flowcontrol storage cannot create');
    try {
      await storage.create(ctx, structuredClone(wanted), undefined, {});
    } catch (err) {
      // Created meanwhile (another server): ensured on the next pass.
      if (!(isStatusError(err) && err.code === 409)) throw err;
    }
    return;
  }
  const revised = revise(kind, current, wanted, mandatory);
  if (revised && isUpdater(storage)) {
    await storage.update(ctx, name, { preconditions: () => undefined, updatedObject: async () => revised }, undefined, undefined, false, {});
  }
}

// No object's ensure reads another's, so they run concurrently: the serial round trips held
// /readyz back (this hook is one of the post-start hooks it waits for).
async function ensureObjects(kind: ConfigurationKind, bootstrap: KObject[], mandatory: boolean): Promise<void> {
  await Promise.all(bootstrap.map((wanted) => ensureObject(kind, wanted, mandatory)));
}

/** Objects the server once managed (annotation "true") that its configuration no longer has are deleted. */
async function removeUnwanted(kind: ConfigurationKind, wanted: KObject[]): Promise<void> {
  const { storage } = kind;
  if (!isLister(storage) || !isGracefulDeleter(storage)) return;
  const names = new Set(wanted.map((w) => w.metadata?.name));
  const list = await storage.list(ctx, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });
  for (const obj of list.items) {
    if (names.has(obj.metadata?.name) || parseBool(obj.metadata?.annotations?.[autoUpdateAnnotation]) !== true) continue;
    try {
      await storage.delete(ctx, obj.metadata?.name ?? '', undefined, {});
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }
}

const defaulted = <T extends KObject>(obj: T, setDefaults: (o: T) => void): T => {
  const copy = structuredClone(obj);
  setDefaults(copy);
  return copy;
};

/** plcSpecEqualish: the exempt level's shares and lendable percent are the operator's to tune. */
function priorityLevelSpecEqualish(bootstrap: KObject, current: KObject): boolean {
  const expected = defaulted(bootstrap as PriorityLevelConfiguration, setPriorityLevelDefaults);
  const actual = current as PriorityLevelConfiguration;
  if (bootstrap.metadata?.name === 'exempt') {
    if (!actual.spec?.exempt) return false;
    expected.spec = { ...expected.spec, exempt: { ...actual.spec.exempt } };
  }
  return semanticEqual(expected.spec, actual.spec);
}

/**
 * One pass of kube's APF configuration producer: suggested objects created (and kept current while
 * auto-updated), mandatory ones always kept at the server's values, retired ones deleted.
 */
export async function ensureFlowControlConfiguration(flowSchemas: Storage, priorityLevels: Storage): Promise<void> {
  const plKind: ConfigurationKind = { storage: priorityLevels, specEqualish: priorityLevelSpecEqualish };
  const fsKind: ConfigurationKind = {
    storage: flowSchemas,
    specEqualish: (bootstrap, current) => semanticEqual(defaulted(bootstrap, setFlowSchemaDefaults).spec, current.spec),
  };
  await ensureObjects(plKind, suggestedPriorityLevels, false);
  await ensureObjects(fsKind, suggestedFlowSchemas, false);
  await ensureObjects(plKind, mandatoryPriorityLevels, true);
  await ensureObjects(fsKind, mandatoryFlowSchemas, true);
  await removeUnwanted(plKind, [...suggestedPriorityLevels, ...mandatoryPriorityLevels]);
  await removeUnwanted(fsKind, [...suggestedFlowSchemas, ...mandatoryFlowSchemas]);
}
