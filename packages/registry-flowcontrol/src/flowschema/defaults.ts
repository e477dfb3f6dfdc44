import type { FlowSchema } from './types';

/** SetDefaults_FlowSchemaSpec: an unset (or zero) precedence is 1000. */
export function setFlowSchemaDefaults(fs: FlowSchema): void {
  const spec = (fs.spec ??= { priorityLevelConfiguration: { name: '' } });
  if (!spec.matchingPrecedence) spec.matchingPrecedence = 1000;
}
