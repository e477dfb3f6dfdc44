import { StatusError } from '../api/errors';
import type { RequestScope } from '../endpoints/handlers/request-scope';
import type { KObject } from '../runtime/object';
import { strategicMergePatch } from './strategic-merge';

export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

/**
 * The patch applier for application/strategic-merge-patch+json. A kind without a schema cannot
 * be merged strategically: 415, as kube-apiserver answers for custom resources.
 */
export function applyStrategicMergePatch(current: KObject, patch: unknown, scope: RequestScope): KObject {
  const root = scope.schemas?.schemaOfKind(scope.kind);
  if (!scope.schemas || !root) {
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
  }
  return strategicMergePatch(current, patch, scope.schemas, root) as KObject;
}
