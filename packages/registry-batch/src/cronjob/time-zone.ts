/**
 * time.LoadLocation's verdict on a zone name, from the IANA database Node carries (ICU): undefined
 * when the zone exists, else Go's "unknown time zone" text. "" and "UTC" are UTC and "Local" the server's zone, as in Go.
 */
export function timeZoneError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return `unknown time zone ${zone}`;
  }
  // ICU accepts any letter case; Go reads the zoneinfo files, whose names are case-sensitive.
  return knownCase(zone) ? undefined : `unknown time zone ${zone}`;
}

let zones: Set<string> | undefined;

function knownCase(zone: string): boolean {
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zones.has(zone)) return true;
  // Aliases ("US/Eastern", "Etc/GMT+5") are not listed; their parts start with a capital, as IANA names do.
  return zone.split('/').every((part) => /^[A-Z]/.test(part));
}
