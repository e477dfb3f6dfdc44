import { field, Path, type ErrorList } from '../../../validation/field';
import type { EncryptionConfiguration, Key, KMSConfiguration, ProviderConfiguration } from './types';

const aesKeySizes = [16, 24, 32];
const secretboxKeySizes = [32];

/** Resources kube keeps in etcd without a REST API: nothing reads them through a transformer. */
const nonRESTResources = new Set(['apiserveripinfo', 'serviceipallocations', 'servicenodeportallocations']);

/** validation.ValidateEncryptionConfiguration: the same paths and messages, so start-up errors read as kube's. */
export function validateEncryptionConfiguration(c: EncryptionConfiguration): ErrorList {
  const root = Path.root('resources');
  if (!c.resources || c.resources.length === 0) return [field.required(root, `at least one ${root} is required`)];
  const errs: ErrorList = [];
  const kmsNames = new Set<string>();
  c.resources.forEach((conf, i) => {
    const r = root.index(i).child('resources');
    const p = root.index(i).child('providers');
    const resources = conf.resources ?? [];
    if (resources.length === 0) errs.push(field.required(r, `at least one ${r} is required`));
    errs.push(...validateResourceOverlap(resources, r), ...validateResourceNames(resources, r));
    const providers = conf.providers ?? [];
    if (providers.length === 0) errs.push(field.required(p, `at least one ${p} is required`));
    providers.forEach((provider, j) => {
      const path = p.index(j);
      const single = validateSingleProvider(provider, path);
      errs.push(...single);
      if (single.length > 0) return;
      if (provider.kms) {
        errs.push(...validateKMS(provider.kms, path.child('kms'), kmsNames));
        kmsNames.add(provider.kms.name ?? '');
      } else if (provider.aesgcm) errs.push(...validateKeys(provider.aesgcm.keys, path.child('aesgcm', 'keys'), aesKeySizes));
      else if (provider.aescbc) errs.push(...validateKeys(provider.aescbc.keys, path.child('aescbc', 'keys'), aesKeySizes));
      else if (provider.secretbox) errs.push(...validateKeys(provider.secretbox.keys, path.child('secretbox', 'keys'), secretboxKeySizes));
    });
  });
  return errs;
}

/** schema.ParseGroupResource: `deployments.apps` → apps/deployments; the first dot splits. */
export function parseGroupResource(s: string): { group: string; resource: string } {
  const i = s.indexOf('.');
  return i < 0 ? { group: '', resource: s } : { group: s.slice(i + 1), resource: s.slice(0, i) };
}

function validateResourceOverlap(resources: string[], path: Path): ErrorList {
  if (resources.length < 2) return [];
  const grs = resources.map(parseGroupResource);
  let overlap = false;
  let duplicate = false;
  grs.forEach((r1, i) =>
    grs.forEach((r2, j) => {
      if (i === j) return;
      if (r1.group === r2.group && r1.resource === r2.resource) {
        duplicate = true;
        return;
      }
      if ((r1.group === '*' && r1.resource === '*') || (r1.group === r2.group && (r1.resource === '*' || r2.resource === '*'))) overlap = true;
    }),
  );
  const errs: ErrorList = [];
  if (duplicate) errs.push(field.invalid(path, resources, 'the same resource cannot be specified multiple times'));
  if (overlap) {
    errs.push(field.invalid(path, resources, "using overlapping resources such as 'secrets' and '*.' in the same resource list is not allowed as they will be masked"));
  }
  return errs;
}

function validateResourceNames(resources: string[], path: Path): ErrorList {
  const errs: ErrorList = [];
  resources.forEach((res, j) => {
    const detail = resourceNameError(res);
    if (detail) errs.push(field.invalid(path.index(j), res, detail));
  });
  return errs;
}

function resourceNameError(res: string): string | undefined {
  if (/[A-Z]/.test(res)) return 'resource name should not contain capital letters';
  if (res === '*') return "use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources";
  if (nonRESTResources.has(res)) return 'resources which do not have REST API/s cannot be encrypted';
  const gr = parseGroupResource(res);
  if (gr.group === 'events.k8s.io') {
    return "'*.events.k8s.io' objects are stored using the 'events' API group in etcd. Use 'events' instead in the config file";
  }
  if (gr.group === 'extensions') return "'extensions' group has been removed and cannot be used for encryption";
  if (gr.group === '*' && gr.resource !== '*') return 'encrypting the same resource across groups is not supported';
  return undefined;
}

function validateSingleProvider(provider: ProviderConfiguration, path: Path): ErrorList {
  const found = (['kms', 'aesgcm', 'aescbc', 'secretbox', 'identity'] as const).filter((k) => provider[k] !== undefined && provider[k] !== null).length;
  if (found === 0) {
    return [field.invalid(path, provider, 'provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity')];
  }
  if (found > 1) return [field.invalid(path, provider, 'more than one provider specified in a single element, should split into different list elements')];
  return [];
}

function validateKeys(keys: Key[] | undefined, path: Path, sizes: number[]): ErrorList {
  if (!keys || keys.length === 0) return [field.required(path, 'at least one keys is required')];
  return keys.flatMap((key, i) => validateKey(key, path.index(i), sizes));
}

function validateKey(key: Key, path: Path, sizes: number[]): ErrorList {
  const errs: ErrorList = [];
  if (!key.name) errs.push(field.required(path.child('name'), 'name is a mandatory field for a key'));
  if (!key.secret) return [...errs, field.required(path.child('secret'), 'secret is a mandatory field for a key')];
  const secret = decodeStdBase64(key.secret);
  // The secret itself never appears in an error, as in kube.
  if (!secret) return [...errs, field.invalid(path.child('secret'), 'REDACTED', 'secrets must be base64 encoded')];
  if (!sizes.includes(secret.length)) {
    errs.push(field.invalid(path.child('secret'), 'REDACTED', `secret is not of the expected length, got ${secret.length}, expected one of [${sizes.join(' ')}]`));
  }
  return errs;
}

/** base64.StdEncoding.DecodeString: padded standard alphabet only (Buffer.from would accept anything). */
export function decodeStdBase64(s: string): Buffer | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return Buffer.from(s, 'base64');
}

function validateKMS(c: KMSConfiguration, path: Path, names: Set<string>): ErrorList {
  const errs: ErrorList = [];
  const name = c.name ?? '';
  if (name === '') errs.push(field.required(path.child('name'), 'name is a mandatory field for a provider'));
  else if (name.includes(':')) errs.push(field.invalid(path.child('name'), name, `invalid KMS provider name ${name}, must not contain ':'`));
  else if (names.has(name)) errs.push(field.invalid(path.child('name'), name, `duplicate KMS provider name ${name}, names must be unique`));
  const endpoint = c.endpoint ?? '';
  if (endpoint === '') errs.push(field.invalid(path.child('endpoint'), '', 'endpoint is a mandatory field for a kms'));
  else if (!endpoint.startsWith('unix:')) {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(endpoint)?.[1] ?? '';
    errs.push(field.invalid(path.child('endpoint'), endpoint, `unsupported scheme "${scheme}" for KMS provider, only unix is supported`));
  }
  const version = c.apiVersion ?? 'v1';
  if (version !== 'v1' && version !== 'v2') {
    errs.push(field.invalid(path.child('apiVersion'), version, `unsupported apiVersion ${version} for KMS provider, only v1 and v2 are supported`));
  }
  if (version !== 'v1' && c.cachesize !== undefined) errs.push(field.invalid(path.child('cachesize'), c.cachesize, 'cachesize is not supported in v2'));
  if (version === 'v1' && c.cachesize === 0) errs.push(field.invalid(path.child('cachesize'), 0, 'cachesize should be a positive value, or negative to disable'));
  return errs;
}
