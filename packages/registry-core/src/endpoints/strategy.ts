import { DefaultStrategy, field, isDNS1123Label, Path, type ErrorList, type KObject, type RequestContext, type J } from '@kapi/apiserver-core';
import { parseIPSloppy, validateNonSpecialIP } from '../validation/special-ip';
import { protocols } from '../pod/container-validation';
import { validateEnum, validatePortNumber } from '../validation/common';

function validateAddress(a: J, path: Path): ErrorList {
  const errs: ErrorList = [];
  const ip = String(a.ip ?? '');
  if (!parseIPSloppy(ip)) errs.push(field.invalid(path.child('ip'), a.ip ?? '', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  if (a.hostname) for (const m of isDNS1123Label(a.hostname)) errs.push(field.invalid(path.child('hostname'), a.hostname, m));
  errs.push(...validateNonSpecialIP(ip, path.child('ip')));
  return errs;
}

/** ValidateEndpoints: addresses are real unicast IPs; ports valid and named when several. */
export function validateEndpoints(obj: KObject): ErrorList {
  const errs: ErrorList = [];
  ((obj.subsets ?? []) as J[]).forEach((s, i) => {
    const sp = Path.root('subsets').index(i);
    ((s.addresses ?? []) as J[]).forEach((a, j) => errs.push(...validateAddress(a, sp.child('addresses').index(j))));
    ((s.notReadyAddresses ?? []) as J[]).forEach((a, j) => errs.push(...validateAddress(a, sp.child('notReadyAddresses').index(j))));
    const ports: J[] = s.ports ?? [];
    ports.forEach((p, j) => {
      const pp = sp.child('ports').index(j);
      if (ports.length > 1 && !p.name) errs.push(field.required(pp.child('name'), ''));
      if (p.name) for (const m of isDNS1123Label(p.name)) errs.push(field.invalid(pp.child('name'), p.name, m));
      errs.push(...validatePortNumber(p.port, pp.child('port')));
      errs.push(...validateEnum(p.protocol, pp.child('protocol'), protocols));
    });
  });
  return errs;
}

/** pkg/registry/core/endpoint/strategy.go: namespaced, created by PUT too (the endpoints controller does that). */
export class EndpointsStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'Endpoints' };
  namespaceScoped(): boolean {
    return true;
  }
  override allowCreateOnUpdate(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    for (const s of (obj.subsets ?? []) as J[]) for (const p of (s.ports ?? []) as J[]) p.protocol ||= 'TCP';
  }
  override prepareForUpdate(ctx: RequestContext, obj: KObject): void {
    this.prepareForCreate(ctx, obj);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateEndpoints(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateEndpoints(obj);
  }
}

export const endpointsStrategy = new EndpointsStrategy();
