import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jsYaml } from '../../../util/yaml';
import type { GroupResource } from '../../../runtime/object';
import { parseGoDuration } from '../../../util/duration';
import { newCBCTransformer, newGCMTransformer } from '../encrypt/aes';
import { encryptCheckTransformer } from '../encrypt/identity';
import { KMSv1EnvelopeTransformer } from '../encrypt/envelope/kmsv1/envelope';
import { newGRPCKMSv1Service } from '../encrypt/envelope/kmsv1/kms-service';
import { KMSv2EnvelopeTransformer } from '../encrypt/envelope/kmsv2/envelope';
import { newGRPCKMSService } from '../encrypt/envelope/kmsv2/kms-service';
import { newSecretboxTransformer } from '../encrypt/secretbox';
import { newPrefixTransformers, type PrefixTransformer } from '../prefix-transformers';
import type { Transformer } from '../transformer';
import { encryptionConfigKinds, type EncryptionConfiguration, type KeysConfiguration, type KMSConfiguration, type ProviderConfiguration } from './types';
import { decodeStdBase64, parseGroupResource, validateEncryptionConfiguration } from './validation';

/** On-disk prefixes kube-apiserver writes, byte for byte. */
export const aesCBCPrefixV1 = 'k8s:enc:aescbc:v1:';
export const aesGCMPrefixV1 = 'k8s:enc:aesgcm:v1:';
export const secretboxPrefixV1 = 'k8s:enc:secretbox:v1:';
export const kmsPrefixV1 = 'k8s:enc:kms:v1:';
export const kmsPrefixV2 = 'k8s:enc:kms:v2:';

/** What kube logs when a KMS v1 provider is configured (it also wants --feature-gates=KMSv1=true; kapi has no gates). */
export const kmsv1DeprecationWarning = 'KMSv1 is deprecated and will only receive security updates going forward. Use KMSv2 instead.';

/** KMSConfiguration.cachesize's default for v1. */
const defaultKMSv1CacheSize = 1000;

/** A KMS provider's health probe (kube's `kms-provider-<i>` checks): Status for v2, Encrypt+Decrypt for v1. */
export interface KMSProvider {
  readonly providerName: string;
  probe(): Promise<unknown>;
  close(): void;
}

export interface EncryptionConfigOptions {
  /** kmsv2PluginWriteDEKSourceMaxTTL (3 minutes as kube); tests shorten it. */
  kmsv2WriteDEKSourceMaxTTLMs?: number;
}

/** KMSConfiguration.timeout's default. */
const defaultKMSTimeoutMs = 3000;

/** encryptionconfig.EncryptionConfiguration: the transformer of each configured resource, and the file's hash. */
export interface ResourceTransformers {
  /** ResourceTransformers.TransformerForResource: exact group-resource, then `*.<group>`, then `*.*`; undefined = not encrypted. */
  transformerForResource(gr: GroupResource): Transformer | undefined;
  /** sha256 of the file as read, which the automatic reload compares and the metrics report. */
  contentHash: string;
  /** One per KMS provider, in file order: its Status probe (kube's `kms-provider-<i>` health checks). */
  kmsProviders: KMSProvider[];
  /** What kube would log while loading (the KMS v1 deprecation), for the caller's logger. */
  warnings: string[];
}

/** encryptionconfig.LoadEncryptionConfig: read, decode, validate, build — with kube's error wording at each step. */
export function loadEncryptionConfig(filepath: string, opts: EncryptionConfigOptions = {}): ResourceTransformers {
  let config: EncryptionConfiguration;
  let contentHash: string;
  try {
    ({ config, contentHash } = loadConfig(filepath));
  } catch (err) {
    throw new Error(`error while parsing file: ${message(err)}`);
  }
  try {
    return { ...buildResourceTransformers(config, opts), contentHash };
  } catch (err) {
    throw new Error(`error while building transformers: ${message(err)}`);
  }
}

function loadConfig(filepath: string): { config: EncryptionConfiguration; contentHash: string } {
  const data = loadData(filepath);
  const config = decode(data, filepath);
  const errs = validateEncryptionConfiguration(config);
  if (errs.length > 0) throw new Error(errs.length === 1 ? String(errs[0]) : `[${errs.map(String).join(', ')}]`);
  return { config, contentHash: encryptionConfigHash(data) };
}

function loadData(filepath: string): Buffer {
  let data: Buffer;
  try {
    data = readFileSync(filepath);
  } catch (err) {
    throw new Error(`error while loading file: error reading encryption provider configuration file "${filepath}": ${message(err)}`);
  }
  if (data.length === 0) throw new Error(`error while loading file: encryption provider configuration file "${filepath}" is empty`);
  return data;
}

/** computeEncryptionConfigHash: the file's identity the automatic reload compares, in kube's format. */
export function encryptionConfigHash(data: Buffer): string {
  return `k8s:enc:unstable:1:${createHash('sha256').update(data).digest('hex')}`;
}

function decode(data: Buffer, filepath: string): EncryptionConfiguration {
  const prefix = `error decoding encryption provider configuration file "${filepath}"`;
  let obj: unknown;
  try {
    obj = jsYaml().load(data.toString('utf8'));
  } catch (err) {
    throw new Error(`${prefix}: ${message(err)}`);
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`${prefix}: couldn't get version/kind; json parse error`);
  const { apiVersion, kind } = obj as { apiVersion?: unknown; kind?: unknown };
  if (typeof kind !== 'string' || kind === '') throw new Error(`${prefix}: Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
  if (!encryptionConfigKinds.some((k) => k.apiVersion === apiVersion && k.kind === kind)) {
    throw new Error(`${prefix}: no kind "${kind}" is registered for version "${String(apiVersion ?? '')}" in scheme`);
  }
  return obj as EncryptionConfiguration;
}

/** getTransformerOverrides: every rule's providers, per group-resource; a rule masked by an earlier wildcard is an error. */
function buildResourceTransformers(config: EncryptionConfiguration, opts: EncryptionConfigOptions): Omit<ResourceTransformers, 'contentHash'> {
  const byResource = new Map<string, PrefixTransformer[]>();
  const kms: KMSBuild = { providers: [], warnings: [], opts };
  for (const rule of config.resources ?? []) {
    const transformers = (rule.providers ?? []).map((p) => prefixTransformerFor(p, kms));
    for (const resource of rule.resources ?? []) {
      const gr = parseGroupResource(resource);
      for (const mask of [
        { group: gr.group, resource: '*' },
        { group: '*', resource: '*' },
      ]) {
        if (byResource.has(grKey(mask))) throw new Error(`resource "${grYAMLString(gr)}" is masked by earlier rule "${grYAMLString(mask)}"`);
      }
      byResource.set(grKey(gr), [...(byResource.get(grKey(gr)) ?? []), ...transformers]);
    }
  }
  const transformers = new Map([...byResource].map(([gr, list]) => [gr, newPrefixTransformers('no matching prefix found', list)]));
  return {
    kmsProviders: kms.providers,
    warnings: kms.warnings,
    transformerForResource: (gr) =>
      transformers.get(grKey(gr)) ?? transformers.get(grKey({ group: gr.group, resource: '*' })) ?? transformers.get(grKey({ group: '*', resource: '*' })),
  };
}

/** What building the KMS providers of one file collects. */
interface KMSBuild {
  providers: KMSProvider[];
  warnings: string[];
  opts: EncryptionConfigOptions;
}

function prefixTransformerFor(provider: ProviderConfiguration, kms: KMSBuild): PrefixTransformer {
  if (provider.aesgcm) return keyedPrefixTransformer(provider.aesgcm, aesGCMPrefixV1, newGCMTransformer, 'AES');
  if (provider.aescbc) return keyedPrefixTransformer(provider.aescbc, aesCBCPrefixV1, newCBCTransformer, 'AES');
  if (provider.secretbox) return keyedPrefixTransformer(provider.secretbox, secretboxPrefixV1, newSecretboxTransformer, 'Secretbox');
  if (provider.identity !== undefined) return { prefix: Buffer.alloc(0), transformer: encryptCheckTransformer };
  if (provider.kms) return kmsPrefixTransformer(provider.kms, kms);
  throw new Error('provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity');
}

/**
 * kmsPrefixTransformer: v2 (Status-probed, one seed for many writes) or the deprecated v1 (a DEK
 * per write, Encrypt+Decrypt probe). kube 1.32 also wants --feature-gates=KMSv1=true for v1;
 * kapi has no feature gates, so it loads v1 with kube's deprecation warning.
 */
function kmsPrefixTransformer(config: KMSConfiguration, kms: KMSBuild): PrefixTransformer {
  const name = config.name ?? '';
  const timeoutMs = config.timeout === undefined ? defaultKMSTimeoutMs : parseGoDuration(config.timeout);
  if (timeoutMs === undefined || timeoutMs <= 0) throw new Error(`could not configure KMS plugin "${name}", invalid timeout "${config.timeout}"`);
  const endpoint = config.endpoint ?? '';
  if ((config.apiVersion ?? 'v1') === 'v1') {
    kms.warnings.push(kmsv1DeprecationWarning);
    const transformer = new KMSv1EnvelopeTransformer(name, newGRPCKMSv1Service(endpoint, timeoutMs), config.cachesize ?? defaultKMSv1CacheSize);
    kms.providers.push(transformer);
    return { prefix: Buffer.from(`${kmsPrefixV1}${name}:`), transformer };
  }
  const transformer = new KMSv2EnvelopeTransformer(name, newGRPCKMSService(endpoint, timeoutMs), { writeDEKSourceMaxTTLMs: kms.opts.kmsv2WriteDEKSourceMaxTTLMs });
  kms.providers.push(transformer);
  return { prefix: Buffer.from(`${kmsPrefixV2}${name}:`), transformer };
}

/** One provider, several named keys: `<prefix><keyname>:` selects the key; the first key encrypts. */
function keyedPrefixTransformer(config: KeysConfiguration, prefix: string, newTransformer: (key: Buffer) => Transformer, what: string): PrefixTransformer {
  const keyTransformers = (config.keys ?? []).map((key) => ({
    prefix: Buffer.from(`${key.name}:`),
    transformer: newTransformer(decodeStdBase64(key.secret ?? '') ?? Buffer.alloc(0)),
  }));
  return {
    prefix: Buffer.from(prefix),
    transformer: newPrefixTransformers(`no matching key was found for the provided ${what} transformer`, keyTransformers),
  };
}

function grKey(gr: GroupResource): string {
  return `${gr.resource}.${gr.group}`;
}

/** How kube names a group-resource in these errors: `secrets`, `*.`, `*.apps`, `*.*`. */
function grYAMLString(gr: GroupResource): string {
  if (gr.group === '' && gr.resource === '*') return '*.';
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
