import { nodeLabelDeprecatedMessage } from '@kapi/registry-core';
import type { RuntimeClass } from './types';

/** GetWarningsForRuntimeClass: a node selector on a deprecated node label still works, with a warning. */
export function runtimeClassWarnings(rc: RuntimeClass): string[] {
  return Object.keys(rc.scheduling?.nodeSelector ?? {}).flatMap((key) => {
    const message = nodeLabelDeprecatedMessage(key);
    return message ? [`scheduling.nodeSelector: ${message}`] : [];
  });
}
