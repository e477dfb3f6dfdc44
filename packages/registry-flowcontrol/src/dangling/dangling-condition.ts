import type { FlowSchema, FlowSchemaCondition } from '../flowschema/types';

/**
 * The Dangling condition kube's APF configuration controller writes on every FlowSchema: whether
 * the priority level it names exists. Its reason and message are kube's, so `kubectl describe`
 * reads the same.
 */
export function desiredDanglingCondition(fs: FlowSchema, levelExists: boolean): FlowSchemaCondition {
  const name = fs.spec?.priorityLevelConfiguration?.name ?? '';
  return levelExists
    ? { type: 'Dangling', status: 'False', reason: 'Found', message: `This FlowSchema references the PriorityLevelConfiguration object named "${name}" and it exists` }
    : {
        type: 'Dangling',
        status: 'True',
        reason: 'NotFound',
        message: `This FlowSchema references the PriorityLevelConfiguration object named "${name}" but there is no such object`,
      };
}

/** Whether the stored condition already says what the desired one says (its transition time aside). */
export function danglingConditionCurrent(fs: FlowSchema, desired: FlowSchemaCondition): boolean {
  const current = fs.status?.conditions?.find((c) => c.type === 'Dangling');
  return current?.status === desired.status && current?.reason === desired.reason && current?.message === desired.message;
}

/** The FlowSchema's conditions with its Dangling condition replaced (or added), stamped now. */
export function withDanglingCondition(fs: FlowSchema, desired: FlowSchemaCondition, now: string): FlowSchemaCondition[] {
  const others = (fs.status?.conditions ?? []).filter((c) => c.type !== 'Dangling');
  return [...others, { ...desired, lastTransitionTime: now }];
}
