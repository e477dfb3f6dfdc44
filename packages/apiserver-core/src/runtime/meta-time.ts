/** A timestamp as metav1.Time serializes it (RFC 3339 in UTC, whole seconds). */
export function metaTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
