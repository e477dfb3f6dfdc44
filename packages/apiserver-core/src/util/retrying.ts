/**
 * Retries `fn` until it succeeds or `timeoutMs` passes, then throws the last error: what kube's
 * bootstrap post-start hooks do while storage settles (they poll for 30 s).
 */
export async function retrying(fn: () => Promise<void>, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((r) => setTimeout(r, intervalMs).unref());
    }
  }
}
