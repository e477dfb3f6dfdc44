import type Router from '@koa/router';
import type { Context } from 'koa';

/** A named check behind /healthz, /livez or /readyz (healthz.HealthChecker). */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * /healthz, /livez, /readyz with kube-apiserver's text format: "ok", or with ?verbose one line per
 * check ("[+]ping ok", "[-]etcd failed: reason withheld"), and /<endpoint>/<check> for one check.
 */
export function installHealthChecks(router: Router, endpoint: string, checks: () => HealthCheck[]): void {
  const run = async (ctx: Context, selected: HealthCheck[]) => {
    const excluded = new Set(([] as string[]).concat((ctx.query.exclude as string | string[] | undefined) ?? []));
    const lines: string[] = [];
    let failed = false;
    for (const c of selected.filter((c) => !excluded.has(c.name))) {
      try {
        await c.check();
        lines.push(`[+]${c.name} ok`);
      } catch {
        failed = true;
        lines.push(`[-]${c.name} failed: reason withheld`);
      }
    }
    ctx.type = 'text/plain; charset=utf-8';
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.status = failed ? 500 : 200;
    const verbose = ctx.query.verbose !== undefined || failed;
    const tail = failed ? `${endpoint.slice(1)} check failed` : `${endpoint.slice(1)} check passed`;
    ctx.body = verbose ? `${lines.join('\n')}\n${tail}\n` : 'ok';
  };
  router.get(endpoint, (ctx) => run(ctx, checks()));
  // Check names may hold slashes (poststarthook/rbac/bootstrap-roles).
  router.get(new RegExp(`^${endpoint}/(.+)$`), async (ctx, next) => {
    const one = checks().filter((c) => c.name === ctx.params[0]);
    if (one.length === 0) return next();
    await run(ctx, one);
    if (ctx.status === 200) ctx.body = 'ok';
  });
}
