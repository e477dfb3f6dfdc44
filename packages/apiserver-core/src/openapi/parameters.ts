/** A query or path parameter of an API operation, rendered into both OpenAPI versions. */
export interface ParameterSpec {
  name: string;
  in: 'query' | 'path';
  type: 'string' | 'integer' | 'boolean';
  description: string;
  required?: boolean;
  uniqueItems?: boolean;
}

const q = (name: string, type: ParameterSpec['type'], description: string): ParameterSpec => ({ name, in: 'query', type, description, uniqueItems: true });

export const P = {
  name: { name: 'name', in: 'path', type: 'string', required: true, uniqueItems: true, description: 'name of the object' } as ParameterSpec,
  namespace: {
    name: 'namespace',
    in: 'path',
    type: 'string',
    required: true,
    uniqueItems: true,
    description: 'object name and auth scope, such as for teams and projects',
  } as ParameterSpec,
  pretty: q('pretty', 'string', "If 'true', then the output is pretty printed."),
  dryRun: q('dryRun', 'string', 'When present, modifications are not persisted. The only valid value is All: every dry-run stage is processed.'),
  fieldManager: q('fieldManager', 'string', 'A name of the actor making the change, recorded in managedFields.'),
  // kubectl looks for this parameter on the PATCH operation of a kind to decide that the server
  // validates fields itself (QueryParamVerifierV3) instead of validating on the client.
  fieldValidation: q(
    'fieldValidation',
    'string',
    'How the server handles unknown and duplicate fields in the request: Ignore drops them silently, Warn drops them and returns a Warning header for each, Strict fails the request with a BadRequest listing them.',
  ),
  force: q('force', 'boolean', 'Force an Apply request: take the conflicting fields from other managers. Only for apply patches.'),
  allowWatchBookmarks: q('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK watch events.'),
  continue: q('continue', 'string', 'The continue token of a previous paginated list response.'),
  fieldSelector: q('fieldSelector', 'string', 'Restrict the list of returned objects by their fields.'),
  labelSelector: q('labelSelector', 'string', 'Restrict the list of returned objects by their labels.'),
  limit: q('limit', 'integer', 'Maximum number of objects to return in one list call; the rest follow with the continue token.'),
  resourceVersion: q('resourceVersion', 'string', 'Which resource version the result must be at least as new as (or exactly, with resourceVersionMatch).'),
  resourceVersionMatch: q('resourceVersionMatch', 'string', 'How resourceVersion applies to list calls: NotOlderThan or Exact.'),
  sendInitialEvents: q('sendInitialEvents', 'boolean', 'With watch=true, start the stream with synthetic ADDED events for the current state.'),
  timeoutSeconds: q('timeoutSeconds', 'integer', 'Timeout for the list or watch call.'),
  watch: q('watch', 'boolean', 'Watch for changes to the described resources and stream them as add, update and remove notifications.'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'integer', 'Seconds before the object should be deleted; zero means delete immediately.'),
  orphanDependents: q('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
  propagationPolicy: q('propagationPolicy', 'string', "Garbage collection of dependents: 'Orphan', 'Background' or 'Foreground'."),
} satisfies Record<string, ParameterSpec>;

export const listParameters = [
  P.allowWatchBookmarks,
  P.continue,
  P.fieldSelector,
  P.labelSelector,
  P.limit,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
  P.watch,
];
export const writeParameters = [P.dryRun, P.fieldManager, P.fieldValidation];
export const deleteParameters = [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy];
