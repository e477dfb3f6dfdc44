/**
 * Polls `check` until it stops throwing, then resolves with its value; after `timeoutMs` it rethrows
 * the last error, so a failed wait reads as the assertion that failed (`expect(...)` inside `check`),
 * not as a bare "timed out". Informers, watch caches and controllers see a write a moment after it
 * is made, in this process or another, which is what every test of them waits for.
 *
 * The wait between tries starts at 5 ms and doubles up to `intervalMs`: an in-process informer
 * catches up within milliseconds, while a check that runs kubectl or a request is not worth
 * repeating more often than `intervalMs`.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = Math.min(5, intervalMs); ; wait = Math.min(wait * 2, intervalMs)) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
