import type { Context } from 'koa';
import { toStatusError } from '../../api/errors';
import { encodeBody, negotiateOutput, parseMediaTypes, type Encoding } from '../negotiation';
import { protobufContentType } from '../../runtime/protobuf/decode-object';
import { encodeStatusProtobuf } from '../../runtime/protobuf/encode-status';
import { logResponseJSON, logResponseObject } from '../../audit/context';

/** Writes an object in the negotiated encoding, Content-Type without a charset as kube-apiserver sends it. */
export function writeObject(ctx: Context, code: number, obj: unknown, encoding?: Encoding): void {
  // A handler finishing after the request timeout answered 504 must not overwrite that answer.
  if (ctx.state.timedOut) return;
  const enc = encoding ?? negotiateOutput(ctx.get('Accept'), () => false).encoding;
  const { body, contentType } = encodeBody(enc, obj);
  logResponseObject(ctx.state, obj);
  ctx.status = code;
  ctx.body = body;
  ctx.set('Content-Type', contentType);
}

/** Writes JSON that is already serialized (the watch cache's bytes of an object or list). */
export function writeRaw(ctx: Context, code: number, json: string): void {
  if (ctx.state.timedOut) return;
  logResponseJSON(ctx.state, json);
  ctx.status = code;
  ctx.body = json;
  ctx.set('Content-Type', 'application/json');
}

/** Writes any error as the Kubernetes Status it stands for; never a stack trace. */
export function writeError(ctx: Context, err: unknown): void {
  const se = toStatusError(err);
  if (se.code >= 500 && se.reason === 'InternalError') ctx.app.emit('kapi:internal-error', err, ctx);
  if (se.details?.retryAfterSeconds) ctx.set('Retry-After', String(se.details.retryAfterSeconds));
  let encoding: Encoding = 'json';
  try {
    encoding = negotiateOutput(ctx.get('Accept'), () => true).encoding;
  } catch {
    // A Status has a protobuf form: a client that accepts only protobuf (a custom resource's 406) gets
    // it as kube-apiserver sends it; one that accepts nothing we speak still gets JSON.
    if (acceptsPlainProtobuf(ctx.get('Accept')) && !ctx.state.timedOut) {
      const status = se.toStatus();
      logResponseObject(ctx.state, status);
      ctx.status = se.code;
      ctx.body = encodeStatusProtobuf(status);
      ctx.set('Content-Type', protobufContentType);
      return;
    }
  }
  writeObject(ctx, se.code, se.toStatus(), encoding);
}

/** application/vnd.kubernetes.protobuf without `as=` (a Table in protobuf is no Status). */
function acceptsPlainProtobuf(accept: string | undefined): boolean {
  return parseMediaTypes(accept).some((mt) => mt.type === protobufContentType && !mt.params.as);
}
