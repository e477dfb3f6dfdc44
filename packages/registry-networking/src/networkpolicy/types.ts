import type { KObject } from '@kapi/apiserver-core';
import type { LabelSelectorSpec } from '@kapi/registry-apps';

export const policyTypes = ['Ingress', 'Egress'];

export interface NetworkPolicyPort {
  protocol?: string;
  /** intstr: a number or a named port. */
  port?: number | string;
  endPort?: number;
}

export interface IPBlock {
  cidr?: string;
  except?: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelectorSpec;
  namespaceSelector?: LabelSelectorSpec;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyIngressRule {
  ports?: NetworkPolicyPort[];
  from?: NetworkPolicyPeer[];
}

export interface NetworkPolicyEgressRule {
  ports?: NetworkPolicyPort[];
  to?: NetworkPolicyPeer[];
}

export interface NetworkPolicySpec {
  podSelector?: LabelSelectorSpec;
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
  policyTypes?: string[];
}

/** networking.k8s.io/v1 NetworkPolicy. */
export interface NetworkPolicy extends KObject {
  spec?: NetworkPolicySpec;
}
