import { expect } from 'chai';
import http from 'node:http';
import { GenericAPIServer } from './generic-apiserver';

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function get(url: string, agent: http.Agent, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http
      .request(url, { agent, method: body ? 'POST' : 'GET' }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      })
      .on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** kube-apiserver's graceful termination over a real socket (plain HTTP: no secure serving configured). */
describe('graceful termination', () => {
  it('fails /readyz during --shutdown-delay-duration, lets an in-flight request finish, refuses new connections and answers a kept-alive one 429', async () => {
    const server = new GenericAPIServer({ logLevel: 'silent', shutdownDelayMs: 300 });
    let answeredAt = Infinity;
    server.nonResourceRouter.get('/slow', async (ctx) => {
      await sleep(800);
      ctx.body = 'done';
      answeredAt = Date.now();
    });
    const url = await server.run('127.0.0.1', 0);
    const kept = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // Kept-alive connections that will carry a write with a body after the delay.
    const writers = Array.from({ length: 4 }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const fresh = () => new http.Agent({ keepAlive: false });
    try {
      expect((await get(`${url}/readyz`, kept)).status).to.equal(200);
      for (const agent of writers) expect((await get(`${url}/readyz`, agent)).status).to.equal(200);
      const slow = get(`${url}/slow`, fresh());
      await sleep(50);
      let shutDownAt = 0;
      const shutdown = server.shutdown().then(() => (shutDownAt = Date.now()));
      const during = await get(`${url}/readyz`, fresh());
      expect(during.status).to.equal(500);
      expect(during.body).to.include('[-]shutdown failed: reason withheld');
      expect((await get(`${url}/livez`, fresh())).status, '/livez stays ok').to.equal(200);
      await sleep(400);
      const refused = await get(`${url}/readyz`, fresh()).then(
        () => 'answered',
        (err: NodeJS.ErrnoException) => err.code,
      );
      expect(refused, 'a new connection after the delay').to.equal('ECONNREFUSED');
      const onKeptAlive = await get(`${url}/api/v1/namespaces`, kept);
      expect(onKeptAlive.status).to.equal(429);
      expect(onKeptAlive.headers).to.include({ 'retry-after': '5', connection: 'close' });
      expect(onKeptAlive.body).to.equal('The apiserver is shutting down, please try again later.\n');
      // A body left unread when the connection closes would reach the client as ECONNRESET, not as the 429.
      const writes = await Promise.all(
        writers.map((agent) =>
          get(`${url}/api/v1/namespaces/default/configmaps`, agent, Buffer.alloc(2 * 1024 * 1024, 'x')).then(
            (a) => a.status,
            (err: NodeJS.ErrnoException) => err.code,
          ),
        ),
      );
      expect(writes).to.deep.equal([429, 429, 429, 429]);
      const finished = await slow;
      expect(finished).to.include({ status: 200, body: 'done' });
      expect(finished.headers.connection, 'keep-alive is off once new requests are refused').to.equal('close');
      await shutdown;
      expect(shutDownAt, 'shutdown waits for the in-flight request').to.be.at.least(answeredAt);
    } finally {
      kept.destroy();
      writers.forEach((agent) => agent.destroy());
      await server.shutdown();
    }
  });
});
