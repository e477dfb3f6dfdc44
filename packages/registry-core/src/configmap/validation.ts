import { field, Path, semanticEqual, type ErrorList, type KObject } from '@kapi/apiserver-core';

/** Keys of configmaps and secrets: pkg/apis/core/validation IsConfigMapKey. */
const configMapKeyRe = /^[-._a-zA-Z0-9]+$/;
/** A configmap or secret may hold at most 1 MiB (MaxSecretSize / MaxConfigMapSize). */
export const maxDataBytes = 1024 * 1024;

export function validateDataKey(key: string, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (key.length > 253) errs.push(field.invalid(path, key, 'must be no more than 253 characters'));
  if (!configMapKeyRe.test(key)) {
    errs.push(
      field.invalid(
        path,
        key,
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ),
    );
  }
  if (key === '.' || key === '..' || key.startsWith('..')) errs.push(field.invalid(path, key, `must not be '${key.startsWith('..') ? '..' : key}'`));
  return errs;
}

function checkStringMap(obj: KObject, name: string, errs: ErrorList): Record<string, unknown> {
  const v = obj[name];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    errs.push(field.invalid(Path.root(name), v, 'must be a map of string keys to string values'));
    return {};
  }
  return v as Record<string, unknown>;
}

/** ValidateConfigMap: valid keys, no key in both data and binaryData, at most 1 MiB in all. */
export function validateConfigMap(obj: KObject): ErrorList {
  const errs: ErrorList = [];
  const data = checkStringMap(obj, 'data', errs);
  const binary = checkStringMap(obj, 'binaryData', errs);
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...validateDataKey(k, Path.root('data').key(k)));
    if (typeof v !== 'string') errs.push(field.invalid(Path.root('data').key(k), v, 'must be a string'));
    else total += v.length;
  }
  for (const [k, v] of Object.entries(binary)) {
    errs.push(...validateDataKey(k, Path.root('binaryData').key(k)));
    if (k in data) errs.push(field.invalid(Path.root('binaryData').key(k), k, 'duplicate of key present in data'));
    total += typeof v === 'string' ? Math.floor((v.length * 3) / 4) : 0;
  }
  if (total > maxDataBytes) errs.push(field.tooLong(Path.root(''), '', maxDataBytes));
  return errs;
}

/** An immutable configmap's data cannot change, and immutable cannot be unset. */
export function validateConfigMapUpdate(obj: KObject, old: KObject): ErrorList {
  const errs: ErrorList = [];
  if (old.immutable === true) {
    if (obj.immutable !== true) errs.push(field.forbidden(Path.root('immutable'), 'field is immutable when `immutable` is set'));
    if (!semanticEqual(obj.data ?? {}, old.data ?? {})) errs.push(field.forbidden(Path.root('data'), 'field is immutable when `immutable` is set'));
    if (!semanticEqual(obj.binaryData ?? {}, old.binaryData ?? {})) {
      errs.push(field.forbidden(Path.root('binaryData'), 'field is immutable when `immutable` is set'));
    }
  }
  return errs;
}
