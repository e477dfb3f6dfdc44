import type { APIResourceConfigSource, GroupVersion } from '@kapi/apiserver-core';
import { groupVersionString } from '@kapi/apiserver-core';

const truthy = (v: string) => v === '' || v === 'true';

/**
 * --runtime-config as kube-apiserver reads it: `<group>/<version>=true|false` for a group-version
 * ("v1" or "api/v1" for the legacy group), `<group>/<version>/<resource>=false` for one resource,
 * and `api/all=false` to start from nothing.
 */
export function newRuntimeConfigSource(entries: Record<string, string>): APIResourceConfigSource {
  const allDefault = entries['api/all'] === undefined ? true : truthy(entries['api/all']);
  const key = (gv: GroupVersion) => groupVersionString(gv);
  const lookup = (k: string) => entries[k] ?? (k.startsWith('v') && !k.includes('/') ? entries[`api/${k}`] : undefined) ?? entries[`api/${k}`];
  const versionEnabled = (gv: GroupVersion) => {
    const v = lookup(key(gv));
    return v === undefined ? allDefault : truthy(v);
  };
  return {
    versionEnabled,
    resourceEnabled(gv, resource) {
      const v = lookup(`${key(gv)}/${resource}`);
      return v === undefined ? versionEnabled(gv) : truthy(v);
    },
  };
}

/** Parses repeated `--runtime-config a=b,c=d` values. */
export function parseRuntimeConfig(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    for (const entry of value.split(',').filter(Boolean)) {
      const eq = entry.indexOf('=');
      const k = eq < 0 ? entry : entry.slice(0, eq);
      const v = eq < 0 ? 'true' : entry.slice(eq + 1);
      if (v !== 'true' && v !== 'false' && v !== '') throw new Error(`invalid value of --runtime-config ${entry}: must be true or false`);
      out[k.trim()] = v;
    }
  }
  return out;
}
