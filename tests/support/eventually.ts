/**
 * Polls `check` until it stops throwing, then resolves with its value; rethrows its last error after
 * `timeoutMs`. Informers (RBAC, token checks, watch caches) see a write a moment after it is made.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
