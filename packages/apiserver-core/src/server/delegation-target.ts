import type { Middleware } from 'koa';
import type { HealthCheck } from './healthz';

export type Hook = () => Promise<void> | void;

/**
 * genericapiserver.DelegationTarget: one link of the server chain. The server in front of it
 * serves what it knows and hands every other request to the link's unprotected handler (the
 * filters — authentication, audit, authorization — ran once, in front); its post-start and
 * pre-shutdown hooks and health checks join the front server's, and its storage is destroyed
 * after the front server drained.
 */
export interface DelegationTarget {
  /** The link's routes without filters; what it does not serve goes to `next` (its own delegate). */
  unprotectedHandler(): Middleware;
  postStartHooks(): { name: string; hook: Hook }[];
  preShutdownHooks(): { name: string; hook: Hook }[];
  /** Checks of /healthz, /livez and /readyz besides ping, shutdown and the post-start hooks. */
  healthChecks(): HealthCheck[];
  readyzChecks(): HealthCheck[];
  /** Destroys the link's storage, after the chain stopped serving. */
  destroy(): Promise<void>;
}

/** The end of the chain (NewEmptyDelegate + the NotFound handler): nothing here; the front server answers 404. */
export const emptyDelegate: DelegationTarget = {
  unprotectedHandler: () => (_ctx, next) => next(),
  postStartHooks: () => [],
  preShutdownHooks: () => [],
  healthChecks: () => [],
  readyzChecks: () => [],
  destroy: async () => undefined,
};

/** Handlers run in turn, each passing on by calling next; the last one's next is the caller's. */
export function chainHandlers(handlers: Middleware[]): Middleware {
  return (ctx, next) => {
    const run = (i: number): Promise<unknown> => (i < handlers.length ? Promise.resolve(handlers[i](ctx, () => run(i + 1))) : next());
    return run(0);
  };
}
