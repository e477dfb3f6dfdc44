import { map, message } from '../descriptor';
import * as metaV1 from '../meta-v1';

/** A ConfigMap-shaped message for tests of the generic machinery (the real one lives in registry-core). */
export const ConfigMapLike = message('ConfigMap', [
  [1, 'metadata', metaV1.message('ObjectMeta')],
  [2, 'data', map('string')],
  [3, 'binaryData', map('bytes')],
]);
