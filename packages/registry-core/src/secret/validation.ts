import { field, Path, semanticEqual, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { maxDataBytes, validateDataKey } from '../configmap/validation';

const base64Re = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Keys each well-known secret type must carry (pkg/apis/core/validation ValidateSecret). */
const requiredKeys: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export function validateSecret(obj: KObject): ErrorList {
  const errs: ErrorList = [];
  const data = (obj.data ?? {}) as Record<string, unknown>;
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    const p = Path.root('data').key(k);
    errs.push(...validateDataKey(k, p));
    if (typeof v !== 'string' || !base64Re.test(v)) errs.push(field.invalid(p, '<secret contents redacted>', 'a valid base64 string is required'));
    else total += Buffer.from(v, 'base64').length;
  }
  if (total > maxDataBytes) errs.push(field.tooLong(Path.root('data'), '', maxDataBytes));
  const type = String(obj.type ?? 'Opaque');
  for (const key of requiredKeys[type] ?? []) {
    if (!(key in data)) errs.push(field.required(Path.root('data').key(key), ''));
  }
  if (type === 'kubernetes.io/service-account-token' && !obj.metadata?.annotations?.['kubernetes.io/service-account.name']) {
    errs.push(field.required(Path.root('metadata').child('annotations').key('kubernetes.io/service-account.name'), ''));
  }
  return errs;
}

export function validateSecretUpdate(obj: KObject, old: KObject): ErrorList {
  const errs: ErrorList = [];
  if ((obj.type ?? 'Opaque') !== (old.type ?? 'Opaque')) errs.push(field.invalid(Path.root('type'), obj.type, 'field is immutable'));
  if (old.immutable === true) {
    if (obj.immutable !== true) errs.push(field.forbidden(Path.root('immutable'), 'field is immutable when `immutable` is set'));
    if (!semanticEqual(obj.data ?? {}, old.data ?? {})) errs.push(field.forbidden(Path.root('data'), 'field is immutable when `immutable` is set'));
  }
  return errs;
}
