import { message, wellKnown, type JSONValue } from './descriptor';
import { decodeMessage } from './decode-message';
import { ProtobufWireError } from './wire-reader';

/** The wire shape shared by meta/v1 Time and MicroTime (a google.protobuf.Timestamp look-alike). */
const Timestamp = message('Timestamp', [
  [1, 'seconds', 'int64', 'noOmitEmpty'],
  [2, 'nanos', 'int32', 'noOmitEmpty'],
]);

/** Go's zero time.Time (0001-01-01T00:00:00Z), which metav1.Time renders as null. */
const ZERO_TIME_SECONDS = -62135596800;

function timestamp(bytes: Uint8Array): { seconds: number; nanos: number } | undefined {
  if (bytes.length === 0) return undefined;
  const { seconds, nanos } = decodeMessage(Timestamp, bytes) as { seconds: number; nanos: number };
  return seconds === ZERO_TIME_SECONDS && nanos === 0 ? undefined : { seconds, nanos };
}

/**
 * metav1.Time: an empty message is the zero time (JSON null); otherwise RFC 3339 in UTC at second
 * precision — Time.Unmarshal drops the nanoseconds, because the JSON form never carried them.
 */
export const Time = wellKnown('Time', (bytes) => {
  const ts = timestamp(bytes);
  return ts ? new Date(ts.seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
});

/** metav1.MicroTime: like Time, with six fractional digits (RFC3339Micro). */
export const MicroTime = wellKnown('MicroTime', (bytes) => {
  const ts = timestamp(bytes);
  if (!ts) return null;
  const micros = String(Math.floor(ts.nanos / 1000)).padStart(6, '0');
  return new Date(ts.seconds * 1000).toISOString().replace(/\.\d{3}Z$/, `.${micros}Z`);
});

const IntOrStringWire = message('IntOrString', [
  [1, 'type', 'int64'],
  [2, 'intVal', 'int32'],
  [3, 'strVal', 'string'],
]);

/** intstr.IntOrString: type 1 is a string, anything else the int (the zero value is the int 0). */
export const IntOrString = wellKnown('IntOrString', (bytes) => {
  const v = decodeMessage(IntOrStringWire, bytes) as { type?: number; intVal?: number; strVal?: string };
  return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
});

const QuantityWire = message('Quantity', [[1, 'string', 'string']]);

/**
 * resource.Quantity travels as its string form. It is passed on as sent: kube-apiserver would
 * canonicalize it ("1000m" → "1") when it parses; kapi leaves that to the resource's strategy.
 */
export const Quantity = wellKnown('Quantity', (bytes) => {
  const v = decodeMessage(QuantityWire, bytes) as { string?: string };
  return v.string || '0';
});

const RawWire = message('Raw', [[1, 'raw', 'bytes']]);

/** The JSON held in the raw bytes of a RawExtension, FieldsV1 or apiextensions JSON; empty raw is null. */
export function rawJSON(kind: string, bytes: Uint8Array): JSONValue {
  const { raw } = decodeMessage(RawWire, bytes) as { raw?: string };
  if (!raw) return null;
  const text = Buffer.from(raw, 'base64').toString('utf8');
  try {
    return JSON.parse(text) as JSONValue;
  } catch {
    // A nested object in protobuf form (k8s\0 …) would need its own envelope: rare enough to refuse.
    throw new ProtobufWireError(`${kind} does not hold JSON`);
  }
}

/** runtime.RawExtension: its JSON object inline (ControllerRevision.data …). */
export const RawExtension = wellKnown('RawExtension', (bytes) => rawJSON('RawExtension', bytes));

/** metav1.FieldsV1: the managed-fields set, JSON in its raw bytes. */
export const FieldsV1 = wellKnown('FieldsV1', (bytes) => rawJSON('FieldsV1', bytes));

const DurationWire = message('Duration', [[1, 'duration', 'int64']]);

/** metav1.Duration: nanoseconds on the wire, Go's time.Duration.String() in JSON ("1h30m0s", "1.5s", "250ms"). */
export const Duration = wellKnown('Duration', (bytes) => {
  const v = decodeMessage(DurationWire, bytes) as { duration?: number };
  return goDurationString(v.duration ?? 0);
});

/** time.Duration.String: hours and minutes as integers, seconds with the fraction; below a second the largest unit. */
export function goDurationString(nanos: number): string {
  if (nanos === 0) return '0s';
  const sign = nanos < 0 ? '-' : '';
  const n = Math.abs(nanos);
  if (n < 1e9) {
    const [unit, size] = n < 1e3 ? ['ns', 1] : n < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    return `${sign}${trimFraction(n, size)}${unit}`;
  }
  const hours = Math.floor(n / 3.6e12);
  const minutes = Math.floor((n % 3.6e12) / 6e10);
  const seconds = trimFraction(n % 6e10, 1e9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** n / size with the fraction's trailing zeros dropped (1500/1000 → "1.5"), computed on integers. */
function trimFraction(n: number, size: number): string {
  const whole = Math.floor(n / size);
  const digits = String(size).length - 1;
  const fraction = String(n % size)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
