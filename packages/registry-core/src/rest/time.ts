/** metav1.Time as the API serializes it: RFC 3339 in UTC with whole seconds. */
export function rfc3339(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}
