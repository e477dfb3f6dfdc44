import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

/** WithAuditInit: every response carries an Audit-Id, the client's own when it sent one. */
export function withAuditId(): Middleware {
  return async (ctx, next) => {
    const given = ctx.get('Audit-Id');
    const id = given && given.length <= 256 ? given : randomUUID();
    ctx.state.auditID = id;
    ctx.set('Audit-Id', id);
    await next();
  };
}
