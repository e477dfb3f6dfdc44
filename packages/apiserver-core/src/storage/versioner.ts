import { StatusError } from '../api/errors';
import type { KObject } from '../runtime/object';
import type { Versioner } from './interfaces';

/** APIObjectVersioner: resourceVersion is the decimal revision of the backend. */
export const apiObjectVersioner: Versioner = {
  objectResourceVersion(obj: KObject): number {
    const rv = obj.metadata?.resourceVersion;
    return rv ? Number(rv) || 0 : 0;
  },
  updateObject(obj: KObject, resourceVersion: number): void {
    if (!obj.metadata) obj.metadata = {};
    if (resourceVersion) obj.metadata.resourceVersion = String(resourceVersion);
    else delete obj.metadata.resourceVersion;
  },
  parseResourceVersion(rv: string | undefined): number {
    if (rv === undefined || rv === '') return 0;
    if (!/^\d+$/.test(rv)) {
      throw new StatusError(400, 'BadRequest', `invalid resource version: invalid value ${JSON.stringify(rv)}`, {
        causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(rv)}: resourceVersion must be a number`, field: 'resourceVersion' }],
      });
    }
    return Number(rv);
  },
};
