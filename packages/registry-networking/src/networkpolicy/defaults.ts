import type { NetworkPolicy, NetworkPolicyPort } from './types';

function defaultPorts(ports: NetworkPolicyPort[] | undefined): void {
  for (const port of ports ?? []) port.protocol ??= 'TCP';
}

/**
 * SetDefaults_NetworkPolicy(Port): ports are TCP unless told otherwise; a policy without
 * policyTypes isolates ingress, and egress too when it lists egress rules.
 */
export function setNetworkPolicyDefaults(np: NetworkPolicy): void {
  const spec = (np.spec ??= {});
  spec.podSelector ??= {};
  for (const rule of spec.ingress ?? []) defaultPorts(rule.ports);
  for (const rule of spec.egress ?? []) defaultPorts(rule.ports);
  if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}
