/**
 * The validating admission webhook of the admission figures: HTTPS, answers every AdmissionReview
 * (admission.k8s.io/v1) with allowed, except objects named `denied-…`, which it refuses — the bench
 * creates one to know the webhook is on the path before it measures.
 *
 *   node --require tsx/cjs bench/src/processes/webhook-server.ts <cert-file> <key-file> <port>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

const [certFile, keyFile, port] = process.argv.slice(2);

interface AdmissionReview {
  request?: { uid?: string; name?: string; object?: { metadata?: { name?: string } } };
}

const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let review: AdmissionReview;
    try {
      review = JSON.parse(Buffer.concat(chunks).toString()) as AdmissionReview;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const name = review.request?.object?.metadata?.name ?? review.request?.name ?? '';
    const allowed = !name.startsWith('denied-');
    const response = { uid: review.request?.uid ?? '', allowed, ...(!allowed && { status: { code: 403, message: 'kapi-bench webhook refuses names starting with denied-' } }) };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response }));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`webhook: serving on https://127.0.0.1:${port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
