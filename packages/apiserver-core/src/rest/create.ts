import { randomBytes, randomUUID } from 'node:crypto';
import { newBadRequest, newInvalid } from '../api/errors';
import { metaTime } from '../runtime/meta-time';
import { dropEmptyMetaLists, metaOf, type KObject } from '../runtime/object';
import { validateObjectMeta } from '../validation/objectmeta';
import { nameIsDNSSubdomain, type ValidateNameFunc } from '../validation/names';
import { addWarning, type RequestContext } from './context';
import type { RESTCreateStrategy } from './strategy';

const generateNameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** names.SimpleNameGenerator: base + 5 random characters, the base cut to fit 63 characters. */
export function generateName(base: string): string {
  const maxBase = 63 - 5;
  const bytes = randomBytes(5);
  const suffix = Array.from(bytes, (b) => generateNameAlphabet[b % generateNameAlphabet.length]).join('');
  return (base.length > maxBase ? base.slice(0, maxBase) : base) + suffix;
}

/** The namespace of the body must match the request's (rest.ValidNamespace); empty takes the request's. */
export function checkNamespace(ctx: RequestContext, obj: KObject, namespaceScoped: boolean): void {
  const meta = metaOf(obj);
  if (namespaceScoped) {
    if (!meta.namespace) meta.namespace = ctx.namespace ?? '';
    else if (ctx.namespace !== undefined && ctx.namespace !== '' && meta.namespace !== ctx.namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  } else {
    delete meta.namespace;
  }
}

/**
 * rest.BeforeCreate: namespace, system fields, strategy preparation, generateName, validation,
 * canonicalization — everything that must hold before an object is first stored.
 */
export function beforeCreate(strategy: RESTCreateStrategy, ctx: RequestContext, obj: KObject, nameFn: ValidateNameFunc = strategy.nameValidation ?? nameIsDNSSubdomain): void {
  checkNamespace(ctx, obj, strategy.namespaceScoped());
  const given = metaOf(obj);
  delete given.deletionTimestamp;
  delete given.deletionGracePeriodSeconds;
  delete given.selfLink;
  // System fields come first, as in kube's BeforeCreate: a strategy may read the uid and the
  // generated name (a Job's generated selector is its uid).
  if (!given.name && given.generateName) given.name = generateName(given.generateName);
  given.uid = randomUUID();
  given.creationTimestamp = metaTime(Date.now()) as unknown as typeof given.creationTimestamp;
  strategy.prepareForCreate(ctx, obj);
  // The strategy may have replaced metadata (`obj.metadata = {...}`): read it again.
  const meta = metaOf(obj);
  const errs = [...validateObjectMeta(meta, strategy.namespaceScoped(), nameFn), ...strategy.validate(ctx, obj)];
  if (errs.length) throw newInvalid(strategy.kind, meta.name ?? meta.generateName ?? '', errs);
  for (const w of strategy.warningsOnCreate?.(ctx, obj) ?? []) addWarning(ctx, w);
  strategy.canonicalize(obj);
  dropEmptyMetaLists(obj);
}
