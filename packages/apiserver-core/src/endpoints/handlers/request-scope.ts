import type { AdmissionInterface } from '../../admission/interfaces';
import type { GroupVersionKind, GroupVersionResource } from '../../runtime/object';
import type { Storage } from '../../rest/interfaces';
import type { SchemaRegistry } from '../../schema/schema-registry';
import type { ProtobufMessageRegistry } from '../../runtime/protobuf/registry';

/** handlers.RequestScope: what every handler of one resource path needs to know. */
export interface RequestScope {
  /** The kind served at this path (ConfigMap; Scale for deployments/scale). */
  kind: GroupVersionKind;
  resource: GroupVersionResource;
  subresource: string;
  namespaced: boolean;
  storage: Storage;
  /** Body size limit for writes (--max-request-body-bytes, 3 MiB as kube-apiserver). */
  maxRequestBodyBytes: number;
  /** --min-request-timeout in seconds: a watch without timeoutSeconds lasts between it and twice it (kube: 1800). */
  minRequestTimeoutSeconds?: number;
  /** The group's own protobuf messages (APIGroupInfo.protobufMessages), consulted before the built-in tables. */
  protobufMessages?: ProtobufMessageRegistry;
  /** Set when the served kind has a schema (schemas.forKind(kind)): enables strategic merge patch and field validation. */
  schemas?: SchemaRegistry;
  /**
   * A kind declared in structural form (a custom resource's version): its schema engine prunes and
   * defaults request objects (returning the pruned paths for fieldValidation) instead of `schemas`.
   */
  structural?: { prepare(obj: unknown): string[] };
  /** The patch types this resource accepts when not all are (custom resources: no strategic merge patch). */
  patchTypes?: string[];
  /** The server's admission chain (Config.AdmissionControl); without it nothing is admitted. */
  admission?: AdmissionInterface;
}
