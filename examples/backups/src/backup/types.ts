import type { KObject } from '@kapi/apiserver-core';
import type { DateTime, int32, int64 } from '@kapi/schema-gen';

/**
 * Backup copies a workload's volumes on a schedule and keeps a number of copies.
 * +resource:group=backups.example.dev,version=v1,scope=Namespaced,categories=all
 * +shortName=bk
 * +subresource:status
 * +printcolumn:name=Schedule,type=string,JSONPath=.spec.schedule
 * +printcolumn:name=Target,type=string,JSONPath=.spec.target.name
 * +printcolumn:name=Keep,type=integer,JSONPath=.spec.retention.keepLast
 * +printcolumn:name=Phase,type=string,JSONPath=.status.phase
 * +printcolumn:name=Last Run,type=date,JSONPath=.status.lastRun,priority=1
 */
export interface Backup extends KObject {
  /** What to back up, when, and how long to keep it. */
  spec: BackupSpec;
  /** What the backup controller last did. */
  status?: BackupStatus;
}

export interface BackupSpec {
  /**
   * When to run, as five cron fields ("0 3 * * *").
   * +pattern=^(\S+\s+){4}\S+$
   */
  schedule: string;
  /** The workload whose volumes are copied. */
  target: BackupTarget;
  /**
   * How many copies to keep and for how long.
   * +default={}
   */
  retention?: Retention;
  /**
   * Stop scheduling new runs; runs in progress finish.
   * +default=false
   */
  suspend?: boolean;
}

export interface BackupTarget {
  /** The kind of the workload. */
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  /**
   * The workload's name, in the backup's namespace.
   * +maxLength=63
   */
  name: string;
}

export interface Retention {
  /**
   * How many copies to keep.
   * +minimum=1
   * +maximum=100
   * +default=7
   */
  keepLast?: int32;
  /**
   * Copies older than this are deleted: a number of days ("30d") or hours ("12h").
   * +pattern=^[0-9]+[dh]$
   */
  maxAge?: string;
}

export interface BackupStatus {
  /** Idle, Running or Failed. */
  phase?: 'Idle' | 'Running' | 'Failed';
  /** When the last run started. */
  lastRun?: DateTime;
  /** The generation the controller last acted on. */
  observedGeneration?: int64;
  /**
   * The latest observations of the backup's state, one per type.
   * +listType=map
   * +listMapKey=type
   */
  conditions?: BackupCondition[];
}

export interface BackupCondition {
  /** The condition's type ("Ready"). */
  type: string;
  /** True, False or Unknown. */
  status: 'True' | 'False' | 'Unknown';
  /** When the condition last changed. */
  lastTransitionTime?: DateTime;
  /** A one-word reason, CamelCase. */
  reason?: string;
  /** A human-readable message. */
  message?: string;
}
