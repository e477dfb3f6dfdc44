import type { FieldSelector } from '../fields/selector';
import type { LabelSelector } from '../labels/selector';
import type { ResourceVersionMatch } from '../storage/interfaces';

/** metav1.ListOptions, parsed (internal form). */
export interface ListOptions {
  labelSelector: LabelSelector;
  fieldSelector: FieldSelector;
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  limit?: number;
  continue?: string;
  watch?: boolean;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}

export interface GetOptions {
  resourceVersion?: string;
}

export interface CreateOptions {
  dryRun?: string[];
  fieldManager?: string;
  fieldValidation?: string;
}

export type UpdateOptions = CreateOptions;

export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** metav1.DeleteOptions. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  dryRun?: string[];
}

export function isDryRun(dryRun: string[] | undefined): boolean {
  return !!dryRun && dryRun.length > 0;
}
