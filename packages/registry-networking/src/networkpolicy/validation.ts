import { field, GoValue, Path, type ErrorList } from '@kapi/apiserver-core';
import { validateLabelSelector } from '@kapi/registry-apps';
import { isValidPortName, parseCIDR, validatePortNumber, type CIDR } from '@kapi/registry-core';
import { policyTypes, type IPBlock, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort } from './types';

const protocols = ['TCP', 'UDP', 'SCTP'];
const cidrMessage = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function validatePort(port: NetworkPolicyPort, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (port.protocol !== undefined && !protocols.includes(port.protocol)) errs.push(field.notSupported(path.child('protocol'), port.protocol, protocols));
  if (port.port === undefined) {
    if (port.endPort !== undefined) errs.push(field.invalid(path.child('endPort'), port.endPort, 'may not be specified when `port` is not specified'));
  } else if (typeof port.port === 'number') {
    errs.push(...validatePortNumber(port.port, path.child('port')));
    if (port.endPort !== undefined) {
      // kube reports the port, not the endPort, as the bad value here.
      if (port.endPort < port.port) errs.push(field.invalid(path.child('endPort'), port.port, 'must be greater than or equal to `port`'));
      errs.push(...validatePortNumber(port.endPort, path.child('endPort')));
    }
  } else {
    if (port.endPort !== undefined) errs.push(field.invalid(path.child('endPort'), port.endPort, 'may not be specified when `port` is non-numeric'));
    for (const msg of isValidPortName(port.port)) errs.push(field.invalid(path.child('port'), port.port, msg));
  }
  return errs;
}

function cidrOf(text: string): CIDR | undefined {
  try {
    return parseCIDR(text);
  } catch {
    return undefined;
  }
}

/** An except entry must be a strictly narrower network inside cidr. */
function isStrictSubset(outer: CIDR, inner: CIDR): boolean {
  if (outer.family !== inner.family || outer.prefix >= inner.prefix) return false;
  const hostBits = BigInt(outer.bits - outer.prefix);
  return inner.base >> hostBits === outer.base >> hostBits;
}

function validateIPBlock(block: IPBlock, path: Path): ErrorList {
  if (!block.cidr) return [field.required(path.child('cidr'), '')];
  const cidr = cidrOf(block.cidr);
  if (!cidr) return [field.invalid(path.child('cidr'), block.cidr, cidrMessage)];
  const errs: ErrorList = [];
  (block.except ?? []).forEach((text, i) => {
    const p = path.child('except').index(i);
    const except = cidrOf(text);
    if (!except) errs.push(field.invalid(p, text, cidrMessage));
    else if (!isStrictSubset(cidr, except)) errs.push(field.invalid(p, text, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validatePeer(peer: NetworkPolicyPeer, path: Path): ErrorList {
  const errs: ErrorList = [];
  let peers = 0;
  if (peer.podSelector) {
    peers++;
    errs.push(...validateLabelSelector(peer.podSelector, path.child('podSelector')));
  }
  if (peer.namespaceSelector) {
    peers++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, path.child('namespaceSelector')));
  }
  if (peer.ipBlock) {
    peers++;
    errs.push(...validateIPBlock(peer.ipBlock, path.child('ipBlock')));
  }
  if (peers === 0) errs.push(field.required(path, 'must specify a peer'));
  else if (peers > 1 && peer.ipBlock) errs.push(field.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

/** ValidateNetworkPolicySpec (the Store checks the object meta). */
export function validateNetworkPolicy(np: NetworkPolicy): ErrorList {
  const spec = np.spec ?? {};
  const path = Path.root('spec');
  const errs = validateLabelSelector(spec.podSelector ?? {}, path.child('podSelector'));
  (spec.ingress ?? []).forEach((rule, i) => {
    const p = path.child('ingress').index(i);
    (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, p.child('ports').index(j))));
    (rule.from ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, p.child('from').index(j))));
  });
  (spec.egress ?? []).forEach((rule, i) => {
    const p = path.child('egress').index(i);
    (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, p.child('ports').index(j))));
    (rule.to ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, p.child('to').index(j))));
  });
  const types = spec.policyTypes ?? [];
  if (types.length > policyTypes.length) {
    const shown = new GoValue(`[]networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}`);
    errs.push(field.invalid(path.child('policyTypes'), shown, 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (!policyTypes.includes(t)) errs.push(field.notSupported(path.child('policyTypes').index(i), t, policyTypes));
  });
  return errs;
}
