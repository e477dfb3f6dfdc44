import { evaluateJSONPath, field, Path, scaleMetadata, ScaleREST, setAtJSONPath, type ErrorList, type KObject, type Scale, type Store } from '@kapi/apiserver-core';
import type { CustomResourceSubresourceScale } from '../apis/types';

export type ScalePaths = CustomResourceSubresourceScale;

const maxInt32 = 2 ** 31 - 1;

/** The field path kube names a scale path's errors with (".spec.replicas" → "spec.replicas"). */
const pathOf = (jsonPath: string) => Path.root(jsonPath.replace(/^\./, ''));

/** ValidateCustomResource's scale part: the replicas at spec/status paths are non-negative int32s when present. */
export function validateScaleReplicas(obj: KObject, scale: ScalePaths): ErrorList {
  const errs: ErrorList = [];
  for (const p of [scale.specReplicasPath, scale.statusReplicasPath]) {
    const [value] = evaluateJSONPath(obj, p);
    // A value of another type is the schema's error already.
    if (typeof value !== 'number') continue;
    if (!Number.isInteger(value) || value < 0) errs.push(field.invalid(pathOf(p), value, 'should be a non-negative integer'));
    else if (value > maxInt32) errs.push(field.invalid(pathOf(p), value, `should be less than or equal to ${maxInt32}`));
  }
  return errs;
}

/** scaleFromCustomResource: replicas and selector read at the CRD's paths. */
function scaleFrom(paths: ScalePaths): (obj: KObject) => Scale {
  return (obj) => {
    const [spec] = evaluateJSONPath(obj, paths.specReplicasPath);
    const [status] = evaluateJSONPath(obj, paths.statusReplicasPath);
    const [selector] = paths.labelSelectorPath ? evaluateJSONPath(obj, paths.labelSelectorPath) : [];
    return {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: scaleMetadata(obj),
      spec: { replicas: typeof spec === 'number' ? spec : 0 },
      status: { replicas: typeof status === 'number' ? status : 0, ...(typeof selector === 'string' ? { selector } : {}) },
    };
  };
}

/** `<plural>/scale`: the generic ScaleREST reading and writing the CRD's replica paths. */
export function newCustomResourceScaleREST(store: Store, paths: ScalePaths): ScaleREST {
  return new ScaleREST(store, scaleFrom(paths), (parent, replicas) => {
    setAtJSONPath(parent as Record<string, unknown>, paths.specReplicasPath, replicas);
  });
}
