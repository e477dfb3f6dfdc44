import type { Event } from './types';

/**
 * audit.Backend: where events go. processEvents never throws into a request: a backend logs its own
 * failures (HandlePluginError) and the request goes on. A blocking backend returns a promise the
 * audit filter waits for, as kube-apiserver's blocking mode holds the request.
 */
export interface AuditBackend {
  readonly name: string;
  processEvents(...events: Event[]): void | Promise<void>;
  /** Sends what is buffered and waits for sends in flight (called before the server stops). */
  shutdown(): Promise<void>;
}

/** union.New: every event to every backend; one backend's failure does not keep it from the others. */
export function unionBackend(backends: AuditBackend[]): AuditBackend {
  if (backends.length === 1) return backends[0];
  return {
    name: `union[${backends.map((b) => b.name).join(',')}]`,
    processEvents(...events) {
      const pending = backends.map((b) => b.processEvents(...events)).filter((p): p is Promise<void> => p instanceof Promise);
      if (pending.length) return Promise.all(pending).then(() => undefined);
    },
    async shutdown() {
      await Promise.all(backends.map((b) => b.shutdown()));
    },
  };
}
