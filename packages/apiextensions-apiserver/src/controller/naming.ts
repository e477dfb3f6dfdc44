import { findCRDCondition } from '../apis/helpers';
import type { CustomResourceDefinition, CustomResourceDefinitionCondition, CustomResourceDefinitionNames } from '../apis/types';

/** Names already taken in a group: resource names (plural, singular, short names) and kinds. */
export interface UsedNames {
  resources: Set<string>;
  kinds: Set<string>;
}

/** The accepted names of the group's other CRDs, plus what built-in or plugin groups serve in it. */
export function usedNamesInGroup(crd: CustomResourceDefinition, all: Iterable<CustomResourceDefinition>, builtin: UsedNames | undefined): UsedNames {
  const used: UsedNames = { resources: new Set(builtin?.resources), kinds: new Set(builtin?.kinds) };
  for (const other of all) {
    if (other.spec.group !== crd.spec.group || other.metadata?.name === crd.metadata?.name) continue;
    const n = other.status?.acceptedNames;
    if (!n) continue;
    for (const r of [n.plural, n.singular, ...(n.shortNames ?? [])]) if (r) used.resources.add(r);
    for (const k of [n.kind, n.listKind]) if (k) used.kinds.add(k);
  }
  return used;
}

function equalToAcceptedOrFresh(requested: string | undefined, accepted: string | undefined, used: Set<string>): string | undefined {
  if (requested === accepted || !requested) return undefined;
  return used.has(requested) ? `${JSON.stringify(requested)} is already in use` : undefined;
}

export interface NamingResult {
  acceptedNames: CustomResourceDefinitionNames;
  namesAccepted: CustomResourceDefinitionCondition;
  established: CustomResourceDefinitionCondition;
}

/**
 * NamingConditionController.calculateNamesAndConditions: each requested name is accepted unless
 * another CRD of the group (or a built-in resource) holds it; Established stays False until the
 * establishing controller sets it, once the names are accepted.
 */
export function calculateNamesAndConditions(crd: CustomResourceDefinition, used: UsedNames): NamingResult {
  const requested = crd.spec.names;
  const accepted: CustomResourceDefinitionNames = crd.status?.acceptedNames ?? { plural: '', kind: '' };
  const next: CustomResourceDefinitionNames = { ...accepted };
  let conflict: { reason: string; message: string } | undefined;
  const check = (reason: string, err: string | undefined, accept: () => void) => {
    if (err) conflict = { reason, message: err };
    else accept();
  };
  check('PluralConflict', equalToAcceptedOrFresh(requested.plural, accepted.plural, used.resources), () => (next.plural = requested.plural));
  check('SingularConflict', equalToAcceptedOrFresh(requested.singular, accepted.singular, used.resources), () => (next.singular = requested.singular));
  const shortErrs = (requested.shortNames ?? [])
    .filter((s) => !(accepted.shortNames ?? []).includes(s))
    .map((s) => equalToAcceptedOrFresh(s, '', used.resources))
    .filter((e): e is string => !!e);
  check('ShortNamesConflict', shortErrs.length ? (shortErrs.length === 1 ? shortErrs[0] : `[${shortErrs.join(', ')}]`) : undefined, () => {
    if (requested.shortNames) next.shortNames = requested.shortNames;
    else delete next.shortNames;
  });
  check('KindConflict', equalToAcceptedOrFresh(requested.kind, accepted.kind, used.kinds), () => (next.kind = requested.kind));
  check('ListKindConflict', equalToAcceptedOrFresh(requested.listKind, accepted.listKind, used.kinds), () => (next.listKind = requested.listKind));
  if (requested.categories) next.categories = requested.categories;
  else delete next.categories;

  const namesAccepted: CustomResourceDefinitionCondition = conflict
    ? { type: 'NamesAccepted', status: 'False', ...conflict }
    : { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };
  let established: CustomResourceDefinitionCondition = findCRDCondition(crd, 'Established') ?? {
    type: 'Established',
    status: 'False',
    reason: 'NotAccepted',
    message: 'not all names are accepted',
  };
  if (established.status !== 'True' && namesAccepted.status === 'True') {
    established = { type: 'Established', status: 'False', reason: 'Installing', message: 'the initial names have been accepted' };
  }
  return { acceptedNames: next, namesAccepted, established };
}
