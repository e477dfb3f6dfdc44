import { isIP } from 'node:net';

/**
 * The string formats kube-apiserver checks in custom resources (apiextensions' supported subset of go-openapi strfmt).
 * Other formats are accepted and ignored, as kube does. Names are normalized like go-openapi: `date-time` is `datetime`.
 */
const uuidRe = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuid3Re = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuid4Re = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const uuid5Re = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const hostnameRe =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const dateRe = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimeRe = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;
const macRe = /^([0-9a-f]{2}([:-])){5}[0-9a-f]{2}$|^([0-9a-f]{2}([:-])){7}[0-9a-f]{2}$|^([0-9a-f]{2}([:-])){19}[0-9a-f]{2}$|^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/i;
const durationRe = /^((\d+(\.\d+)?)\s*(ns|us|µs|ms|s|m|h|d|w)\s*)+$/;
const goDurationRe = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const base64Re = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const emailRe = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;
const hexColorRe = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const rgbColorRe = /^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/;
const ssnRe = /^\d{3}[- ]?\d{2}[- ]?\d{4}$/;
const bsonRe = /^[0-9a-f]{24}$/i;
const creditCardRe = /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11})$/;

function validDate(y: string, m: string, d: string): boolean {
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1) return false;
  return dd <= new Date(Date.UTC(Number(y), mm, 0)).getUTCDate();
}

function isbn10(s: string): boolean {
  const d = s.replace(/[\s-]/g, '');
  if (!/^\d{9}[\dX]$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (d[i] === 'X' ? 10 : Number(d[i])) * (10 - i);
  return sum % 11 === 0;
}

function isbn13(s: string): boolean {
  const d = s.replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(d[i]) * (i % 2 ? 3 : 1);
  return sum % 10 === 0;
}

function uri(s: string): boolean {
  // net/url.ParseRequestURI: an absolute URI or an absolute path.
  if (s.startsWith('/')) return !/\s/.test(s);
  try {
    const u = new URL(s);
    return !!u.protocol;
  } catch {
    return false;
  }
}

function cidr(s: string): boolean {
  const [ip, bits, ...rest] = s.split('/');
  if (rest.length || bits === undefined || !/^\d+$/.test(bits)) return false;
  const v = isIP(ip);
  return v !== 0 && Number(bits) <= (v === 4 ? 32 : 128);
}

const checks: Record<string, (s: string) => boolean> = {
  bsonobjectid: (s) => bsonRe.test(s),
  uri,
  email: (s) => emailRe.test(s),
  hostname: (s) => s.length <= 255 && hostnameRe.test(s),
  ipv4: (s) => isIP(s) === 4,
  ipv6: (s) => isIP(s) === 6,
  cidr,
  mac: (s) => macRe.test(s),
  uuid: (s) => uuidRe.test(s),
  uuid3: (s) => uuid3Re.test(s),
  uuid4: (s) => uuid4Re.test(s),
  uuid5: (s) => uuid5Re.test(s),
  isbn: (s) => isbn10(s) || isbn13(s),
  isbn10,
  isbn13,
  creditcard: (s) => creditCardRe.test(s.replace(/\D/g, '')),
  ssn: (s) => ssnRe.test(s),
  hexcolor: (s) => hexColorRe.test(s),
  rgbcolor: (s) => rgbColorRe.test(s),
  byte: (s) => base64Re.test(s),
  password: () => true,
  date: (s) => {
    const m = dateRe.exec(s);
    return !!m && validDate(m[1], m[2], m[3]);
  },
  duration: (s) => durationRe.test(s) || goDurationRe.test(s),
  datetime: (s) => {
    const m = dateTimeRe.exec(s);
    return !!m && validDate(m[1], m[2], m[3]) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61;
  },
};

/** The normalized name of a format kube checks, or undefined when kube ignores it. */
export function knownFormat(format: string | undefined): string | undefined {
  if (!format) return undefined;
  const n = format.replace(/-/g, '');
  return n in checks ? n : undefined;
}

/** Whether `s` is valid in the (normalized, known) format. */
export function validFormat(normalized: string, s: string): boolean {
  return checks[normalized](s);
}
