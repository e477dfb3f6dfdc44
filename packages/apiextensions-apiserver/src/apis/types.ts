import type { JSONSchemaProps, KObject } from '@kapi/apiserver-core';

/** apiextensions.k8s.io/v1, the fields kapi reads (k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1). */
export const GROUP = 'apiextensions.k8s.io';
export const crdKind = { group: GROUP, version: 'v1', kind: 'CustomResourceDefinition' };
export const crdResource = { group: GROUP, resource: 'customresourcedefinitions' };

export interface CustomResourceDefinitionNames {
  plural: string;
  singular?: string;
  shortNames?: string[];
  kind: string;
  listKind?: string;
  categories?: string[];
}

export interface CustomResourceColumnDefinition {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface CustomResourceSubresourceScale {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface CustomResourceSubresources {
  status?: Record<string, never>;
  scale?: CustomResourceSubresourceScale;
}

export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: CustomResourceSubresources;
  additionalPrinterColumns?: CustomResourceColumnDefinition[];
  selectableFields?: { jsonPath: string }[];
}

export interface CustomResourceConversion {
  strategy: 'None' | 'Webhook';
  webhook?: {
    clientConfig?: { url?: string; caBundle?: string; service?: { namespace: string; name: string; path?: string; port?: number } };
    conversionReviewVersions?: string[];
  };
}

export interface CustomResourceDefinitionSpec {
  group: string;
  names: CustomResourceDefinitionNames;
  scope: 'Namespaced' | 'Cluster';
  versions: CustomResourceDefinitionVersion[];
  conversion?: CustomResourceConversion;
  preserveUnknownFields?: boolean;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface CustomResourceDefinitionCondition {
  type: 'Established' | 'NamesAccepted' | 'Terminating' | 'NonStructuralSchema' | 'KubernetesAPIApprovalPolicyConformant';
  status: ConditionStatus;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface CustomResourceDefinitionStatus {
  conditions?: CustomResourceDefinitionCondition[];
  acceptedNames?: CustomResourceDefinitionNames;
  storedVersions?: string[];
}

export interface CustomResourceDefinition extends KObject {
  spec: CustomResourceDefinitionSpec;
  status?: CustomResourceDefinitionStatus;
}

/** The finalizer the CRD gets on create: its custom resources are deleted before it goes. */
export const customResourceCleanupFinalizer = 'customresourcecleanup.apiextensions.k8s.io';

export function asCRD(obj: KObject): CustomResourceDefinition {
  return obj as CustomResourceDefinition;
}
