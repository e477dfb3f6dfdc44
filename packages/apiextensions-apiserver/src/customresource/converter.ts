import type { KObject } from '@kapi/apiserver-core';

/**
 * Converts custom resources between the versions of one CRD (pkg/apiserver/conversion). The
 * request's version is what a client reads and writes; storage holds the storage version.
 */
export interface CustomResourceConverter {
  convert(objs: KObject[], toVersion: string): Promise<KObject[]>;
  /** Releases connections (the webhook's) when the CRD stops being served. */
  close?(): void;
}

/** Strategy None: only apiVersion changes, fields pass as they are (nopConverter). */
export function newNoneConverter(group: string): CustomResourceConverter {
  return {
    async convert(objs, toVersion) {
      const apiVersion = `${group}/${toVersion}`;
      return objs.map((o) => (o.apiVersion === apiVersion ? o : { ...o, apiVersion }));
    },
  };
}
