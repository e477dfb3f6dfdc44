/**
 * The baseline a kapi GET is held against: koa + @koa/router answering the GET path of one
 * ConfigMap with the bytes kapi itself answered — no storage, no negotiation, no filters.
 *
 *   node --require tsx/cjs bench/src/processes/bare-koa-server.ts <bytes-file> <port>
 */
import { readFileSync } from 'node:fs';
import Router from '@koa/router';
import Koa from 'koa';

const [bytesFile, port] = process.argv.slice(2);
const bytes = readFileSync(bytesFile);
const app = new Koa();
const router = new Router();
router.get('/api/v1/namespaces/:namespace/configmaps/:name', (ctx) => {
  ctx.type = 'application/json';
  ctx.body = bytes;
});
app.use(router.routes());
const server = app.listen(Number(port), '127.0.0.1', () => process.stdout.write(`bare-koa: serving on http://127.0.0.1:${port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
server.keepAliveTimeout = 65_000;
