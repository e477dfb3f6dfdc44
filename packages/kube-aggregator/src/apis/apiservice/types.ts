import type { KObject } from '@kapi/apiserver-core';

export const apiregistrationGroup = 'apiregistration.k8s.io';

/** Where a remote APIService's server is: a Service in the cluster (always reached over HTTPS). */
export interface ServiceReference {
  namespace?: string;
  name?: string;
  port?: number;
}

export interface APIServiceSpec {
  /** Absent for a local APIService: the group-version is served by this process. */
  service?: ServiceReference | null;
  group?: string;
  version?: string;
  insecureSkipTLSVerify?: boolean;
  /** PEM, base64 in JSON (a []byte field). */
  caBundle?: string;
  groupPriorityMinimum?: number;
  versionPriority?: number;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface APIServiceCondition {
  type: 'Available' | string;
  status: ConditionStatus;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** apiregistration.k8s.io/v1 APIService: a group-version and the server that serves it. */
export interface APIService extends KObject {
  spec?: APIServiceSpec;
  status?: { conditions?: APIServiceCondition[] };
}

export const isLocal = (s: APIService): boolean => !s.spec?.service;

export const availableCondition = (s: APIService): APIServiceCondition | undefined => s.status?.conditions?.find((c) => c.type === 'Available');
