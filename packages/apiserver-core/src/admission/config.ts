import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsYaml } from '../util/yaml';

interface AdmissionPluginConfiguration {
  name?: unknown;
  path?: unknown;
  configuration?: unknown;
}

const configAPIVersions = new Set(['apiserver.config.k8s.io/v1', 'apiserver.config.k8s.io/v1alpha1', 'apiserver.k8s.io/v1alpha1']);

/**
 * admission.ReadAdmissionConfiguration: the --admission-control-config-file (an AdmissionConfiguration,
 * YAML or JSON) as each plugin's configuration by name — the embedded `configuration`, else the
 * file at `path` (relative to the config file). A file that does not parse stops start-up.
 */
export function readAdmissionConfiguration(configFile: string | undefined): Map<string, unknown> {
  const configs = new Map<string, unknown>();
  if (!configFile) return configs;
  const doc = parseFile(configFile) as { apiVersion?: unknown; kind?: unknown; plugins?: unknown } | null;
  if (!doc || typeof doc !== 'object' || doc.kind !== 'AdmissionConfiguration' || !configAPIVersions.has(String(doc.apiVersion))) {
    throw new Error(`unable to read admission control configuration from ${JSON.stringify(configFile)}: not an apiserver.config.k8s.io/v1 AdmissionConfiguration`);
  }
  if (doc.plugins !== undefined && !Array.isArray(doc.plugins)) {
    throw new Error(`unable to read admission control configuration from ${JSON.stringify(configFile)}: plugins must be a list`);
  }
  for (const entry of (doc.plugins ?? []) as AdmissionPluginConfiguration[]) {
    if (typeof entry?.name !== 'string' || !entry.name) {
      throw new Error(`unable to read admission control configuration from ${JSON.stringify(configFile)}: a plugin entry has no name`);
    }
    if (entry.configuration !== undefined) configs.set(entry.name, entry.configuration);
    else if (typeof entry.path === 'string' && entry.path) configs.set(entry.name, parseFile(path.resolve(path.dirname(configFile), entry.path)));
  }
  return configs;
}

function parseFile(file: string): unknown {
  let data: string;
  try {
    data = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`unable to read admission control configuration from ${JSON.stringify(file)} [${(err as Error).message}]`);
  }
  try {
    return jsYaml().load(data);
  } catch (err) {
    throw new Error(`unable to read admission control configuration from ${JSON.stringify(file)}: ${(err as Error).message}`);
  }
}
