import { field, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { mandatoryPriorityLevels } from '../bootstrap/priority-levels';
import { validateConditions } from '../common/validation';
import type { LimitedPriorityLevelConfiguration, PriorityLevelConfiguration, PriorityLevelConfigurationSpec, QueuingConfiguration } from './types';

const enablements = ['Exempt', 'Limited'];
const limitResponseTypes = ['Queue', 'Reject'];
const maxQueues = 10_000_000;
const maxHashBits = 60;
// Written by the v1beta3 conversion only; a v1 client may not set it.
const preserveZeroSharesAnnotation = 'flowcontrol.k8s.io/v1beta3-preserve-zero-concurrency-shares';

function validateQueuing(q: QueuingConfiguration, path: Path): ErrorList {
  const errs: ErrorList = [];
  const { queues = 0, handSize = 0, queueLengthLimit = 0 } = q;
  if (queueLengthLimit <= 0) errs.push(field.invalid(path.child('queueLengthLimit'), queueLengthLimit, 'must be positive'));
  if (queues <= 0) errs.push(field.invalid(path.child('queues'), queues, 'must be positive'));
  else if (queues > maxQueues) errs.push(field.invalid(path.child('queues'), queues, `must not be greater than ${maxQueues}`));
  if (handSize <= 0) errs.push(field.invalid(path.child('handSize'), handSize, 'must be positive'));
  else if (handSize > queues) errs.push(field.invalid(path.child('handSize'), handSize, `should not be greater than queues (${queues})`));
  else if (Math.ceil(Math.log2(queues) * handSize) > maxHashBits) {
    // Shuffle sharding draws the hand from one 60-bit hash.
    errs.push(field.invalid(path.child('handSize'), handSize, `required entropy bits of deckSize ${queues} and handSize ${handSize} should not be greater than ${maxHashBits}`));
  }
  return errs;
}

function validateLimited(l: LimitedPriorityLevelConfiguration, path: Path): ErrorList {
  const errs: ErrorList = [];
  const shares = l.nominalConcurrencyShares ?? 0;
  if (shares < 0) errs.push(field.invalid(path.child('nominalConcurrencyShares'), shares, 'must be a non-negative integer'));
  const response = l.limitResponse ?? {};
  const responsePath = path.child('limitResponse');
  if (response.type === 'Reject') {
    if (response.queuing) errs.push(field.forbidden(responsePath.child('queuing'), 'must be nil if limited.limitResponse.type is not Limited'));
  } else if (response.type === 'Queue') {
    if (!response.queuing) errs.push(field.required(responsePath.child('queuing'), 'must not be empty if limited.limitResponse.type is Limited'));
    else errs.push(...validateQueuing(response.queuing, responsePath.child('queuing')));
  } else {
    errs.push(field.notSupported(responsePath.child('type'), response.type ?? '', limitResponseTypes));
  }
  if (l.lendablePercent !== undefined && !(l.lendablePercent >= 0 && l.lendablePercent <= 100)) {
    errs.push(field.invalid(path.child('lendablePercent'), l.lendablePercent, 'must be between 0 and 100, inclusive'));
  }
  if (l.borrowingLimitPercent !== undefined && l.borrowingLimitPercent < 0) {
    errs.push(field.invalid(path.child('borrowingLimitPercent'), l.borrowingLimitPercent, 'if specified, must be a non-negative integer'));
  }
  return errs;
}

function validateSpec(spec: PriorityLevelConfigurationSpec, name: string, path: Path): ErrorList {
  const errs: ErrorList = [];
  if ((name === 'exempt') !== (spec.type === 'Exempt')) errs.push(field.invalid(path.child('type'), spec.type ?? '', "type must be 'Exempt' if and only if name is 'exempt'"));
  if (spec.type === 'Exempt') {
    if (spec.limited) errs.push(field.forbidden(path.child('limited'), 'must be nil if the type is not Limited'));
    const e = spec.exempt;
    if (e?.nominalConcurrencyShares !== undefined && e.nominalConcurrencyShares < 0) {
      errs.push(field.invalid(path.child('exempt', 'nominalConcurrencyShares'), e.nominalConcurrencyShares, 'must be a non-negative integer'));
    }
    if (e?.lendablePercent !== undefined && !(e.lendablePercent >= 0 && e.lendablePercent <= 100)) {
      errs.push(field.invalid(path.child('exempt', 'lendablePercent'), e.lendablePercent, 'must be between 0 and 100, inclusive'));
    }
  } else if (spec.type === 'Limited') {
    if (spec.exempt) errs.push(field.forbidden(path.child('exempt'), 'must be nil if the type is Limited'));
    if (!spec.limited) errs.push(field.required(path.child('limited'), 'must not be empty when type is Limited'));
    else errs.push(...validateLimited(spec.limited, path.child('limited')));
  } else {
    errs.push(field.notSupported(path.child('type'), spec.type ?? '', enablements));
  }
  return errs;
}

/** The mandatory levels are fixed; "exempt" may only tune its exempt settings. */
function validateMandatory(pl: PriorityLevelConfiguration, path: Path): ErrorList {
  const name = pl.metadata?.name;
  const mandatory = mandatoryPriorityLevels.find((m) => m.metadata?.name === name);
  if (!mandatory) return [];
  if (name === 'exempt') {
    const have = { ...pl.spec, exempt: mandatory.spec?.exempt };
    return semanticEqual(have, mandatory.spec) ? [] : [field.invalid(path, pl.spec ?? null, `spec of '${name}' except the 'spec.exempt' field must equal the fixed value`)];
  }
  return semanticEqual(pl.spec, mandatory.spec) ? [] : [field.invalid(path, pl.spec ?? null, `spec of '${name}' must equal the fixed value`)];
}

/** ValidatePriorityLevelConfiguration (the metadata name is checked by the Store). */
export function validatePriorityLevel(pl: PriorityLevelConfiguration): ErrorList {
  const errs: ErrorList = [];
  if (pl.metadata?.annotations?.[preserveZeroSharesAnnotation] !== undefined) {
    errs.push(field.forbidden(Path.root('metadata').child('annotations'), `annotation '${preserveZeroSharesAnnotation}' is forbidden`));
  }
  const spec = Path.root('spec');
  errs.push(...validateSpec(pl.spec ?? {}, pl.metadata?.name ?? '', spec), ...validateMandatory(pl, spec));
  errs.push(...validateConditions(pl.status?.conditions, Path.root('status').child('conditions')));
  return errs;
}

export function validatePriorityLevelStatus(pl: PriorityLevelConfiguration): ErrorList {
  return validateConditions(pl.status?.conditions, Path.root('status').child('conditions'));
}
