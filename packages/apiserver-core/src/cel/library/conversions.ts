import type { CelEnvironment } from '../engine';

const int64Max = 9223372036854775807n;

/**
 * Go's time.RFC3339Nano, as cel-go's string(timestamp) prints: UTC, fractional seconds only when
 * not zero and without trailing zeros ("2009-02-13T23:31:30Z", "…30.123Z").
 */
function rfc3339(t: Date): string {
  return t.toISOString().replace(/\.(\d*?)0*Z$/, (_m, frac: string) => (frac ? `.${frac}Z` : 'Z'));
}

/**
 * Standard CEL conversions the engine lacks (found by the cel-spec conformance suite,
 * tests/cel-conformance): int(uint), int(timestamp) (seconds since the epoch), string(timestamp)
 * and string(duration), and the identity conversions timestamp(timestamp) and duration(duration).
 */
export function registerConversions(env: CelEnvironment): void {
  env.registerFunction('int(uint): int', (u: { value: number | bigint }) => {
    const v = BigInt(u.value);
    if (v > int64Max) throw new Error('integer overflow');
    return v;
  });
  env.registerFunction('int(google.protobuf.Timestamp): int', (t: Date) => BigInt(Math.floor(t.getTime() / 1000)));
  env.registerFunction('string(google.protobuf.Timestamp): string', (t: Date) => rfc3339(t));
  env.registerFunction('string(google.protobuf.Duration): string', (d: object) => String(d));
  env.registerFunction('timestamp(google.protobuf.Timestamp): google.protobuf.Timestamp', (t: Date) => t);
  env.registerFunction('duration(google.protobuf.Duration): google.protobuf.Duration', (d: object) => d);
}
