import { field, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, Path, validateLabels, type ErrorList } from '@kapi/apiserver-core';
import { parseIPSloppy, to4, validateImmutable, validateNonSpecialIP } from '@kapi/registry-core';
import { addressTypes, type Endpoint, type EndpointPort, type EndpointSlice } from './types';

/** The limits of pkg/apis/discovery/validation. */
const maxTopologyLabels = 16;
const maxAddresses = 100;
const maxPorts = 20000;
const maxEndpoints = 1000;
const maxZoneHints = 8;
const protocols = ['SCTP', 'TCP', 'UDP'];

function validateAddressType(addressType: string | undefined): ErrorList {
  const path = Path.root('addressType');
  if (!addressType) return [field.required(path, '')];
  return addressTypes.includes(addressType) ? [] : [field.notSupported(path, addressType, addressTypes)];
}

/** IsFullyQualifiedDomainName: a DNS subdomain of at least two labels, a trailing dot allowed. */
function validateFQDN(value: string, path: Path): ErrorList {
  if (!value) return [field.required(path, '')];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const subdomain = isDNS1123Subdomain(name);
  if (subdomain.length) return [field.invalid(path, name, subdomain.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [field.invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length) return [field.invalid(path, label, errs.join(','))];
  }
  return [];
}

function validateAddress(address: string, addressType: string | undefined, path: Path): ErrorList {
  const ip = parseIPSloppy(address);
  switch (addressType) {
    case 'IPv4':
      return [...(ip && to4(ip) ? [] : [field.invalid(path, address, 'must be a valid IPv4 address')]), ...validateNonSpecialIP(address, path)];
    case 'IPv6':
      return [...(ip && !to4(ip) ? [] : [field.invalid(path, address, 'must be a valid IPv6 address')]), ...validateNonSpecialIP(address, path)];
    case 'FQDN':
      return validateFQDN(address, path);
    default:
      return [];
  }
}

function validateHints(hints: NonNullable<Endpoint['hints']>, path: Path): ErrorList {
  const zones = hints.forZones ?? [];
  const zonesPath = path.child('forZones');
  if (zones.length > maxZoneHints) return [field.tooMany(zonesPath, zones.length, maxZoneHints)];
  const errs: ErrorList = [];
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    const p = zonesPath.index(i).child('name');
    if (seen.has(zone.name)) errs.push(field.duplicate(p, zone.name));
    seen.add(zone.name);
    for (const msg of isValidLabelValue(zone.name ?? '')) errs.push(field.invalid(p, zone.name, msg));
  });
  return errs;
}

function validateEndpoint(endpoint: Endpoint, addressType: string | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  const addresses = endpoint.addresses ?? [];
  const addressesPath = path.child('addresses');
  if (addresses.length === 0) errs.push(field.required(addressesPath, 'must contain at least 1 address'));
  else if (addresses.length > maxAddresses) errs.push(field.tooMany(addressesPath, addresses.length, maxAddresses));
  addresses.forEach((a, i) => errs.push(...validateAddress(a, addressType, addressesPath.index(i))));
  if (endpoint.nodeName !== undefined) {
    for (const msg of isDNS1123Subdomain(endpoint.nodeName)) errs.push(field.invalid(path.child('nodeName'), endpoint.nodeName, msg));
  }
  const topology = endpoint.deprecatedTopology ?? {};
  const topologyPath = path.child('deprecatedTopology');
  if (Object.keys(topology).length > maxTopologyLabels) errs.push(field.tooMany(topologyPath, Object.keys(topology).length, maxTopologyLabels));
  errs.push(...validateLabels(endpoint.deprecatedTopology, topologyPath));
  if (endpoint.hostname !== undefined) {
    for (const msg of isDNS1123Label(endpoint.hostname)) errs.push(field.invalid(path.child('hostname'), endpoint.hostname, msg));
  }
  if (endpoint.hints) errs.push(...validateHints(endpoint.hints, path.child('hints')));
  return errs;
}

function validatePorts(ports: EndpointPort[]): ErrorList {
  const path = Path.root('ports');
  if (ports.length > maxPorts) return [field.tooMany(path, ports.length, maxPorts)];
  const errs: ErrorList = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = port.name ?? '';
    if (name) for (const msg of isDNS1123Label(name)) errs.push(field.invalid(p.child('name'), name, msg));
    if (names.has(name)) errs.push(field.duplicate(p.child('name'), name));
    names.add(name);
    if (port.protocol === undefined) errs.push(field.required(p.child('protocol'), ''));
    else if (!protocols.includes(port.protocol)) errs.push(field.notSupported(p.child('protocol'), port.protocol, protocols));
    if (port.appProtocol !== undefined) {
      for (const msg of isQualifiedName(port.appProtocol)) errs.push(field.invalid(p.child('appProtocol'), port.appProtocol, msg));
    }
  });
  return errs;
}

/** ValidateEndpointSlice without the object meta (the Store checks it). */
export function validateEndpointSlice(slice: EndpointSlice): ErrorList {
  const errs = validateAddressType(slice.addressType);
  const endpoints = slice.endpoints ?? [];
  const endpointsPath = Path.root('endpoints');
  if (endpoints.length > maxEndpoints) errs.push(field.tooMany(endpointsPath, endpoints.length, maxEndpoints));
  else endpoints.forEach((e, i) => errs.push(...validateEndpoint(e, slice.addressType, endpointsPath.index(i))));
  errs.push(...validatePorts(slice.ports ?? []));
  return errs;
}

/** An EndpointSlice keeps its address type for life: consumers index slices by it. */
export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): ErrorList {
  return [...validateEndpointSlice(slice), ...validateImmutable(slice.addressType, old.addressType, Path.root('addressType'))];
}
