import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { nowMicros } from '../../audit/event';

/**
 * WithAuditInit and WithRequestReceivedTimestamp: every response carries an Audit-Id, the client's
 * own when it sent one; the time the request arrived is kept for the audit event, which is made later.
 */
export function withAuditId(): Middleware {
  return async (ctx, next) => {
    ctx.state.requestReceivedMicros = nowMicros();
    const given = ctx.get('Audit-Id');
    const id = given && given.length <= 256 ? given : randomUUID();
    ctx.state.auditID = id;
    ctx.set('Audit-Id', id);
    await next();
  };
}
