import { expect } from 'chai';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { isUpgradeRequest, serveUpgrades, takeUpgradeConnection } from './upgrade';

/** Sends raw bytes and collects everything the server answers until it closes the connection. */
function exchange(port: number, request: string, then?: (socket: net.Socket, seen: () => string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let out = '';
    socket.on('data', (d) => {
      out += d;
      then?.(socket, () => out);
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('upgrade requests through the handler chain', () => {
  let server: http.Server;
  let port: number;
  const tracked: unknown[] = [];
  before(async () => {
    // The handler stands for the whole chain: it refuses /denied as a filter would, and switches protocols on /echo.
    const handler: http.RequestListener = (req, res) => {
      if (req.url === '/denied') {
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end('{"kind":"Status","code":403}');
        return;
      }
      const conn = takeUpgradeConnection(req);
      if (!conn) throw new Error('no upgrade connection');
      expect(takeUpgradeConnection(req)).to.equal(undefined);
      conn.socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
      conn.socket.write(conn.head);
      conn.socket.pipe(conn.socket);
    };
    server = http.createServer(handler);
    serveUpgrades(server, handler, (s) => tracked.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());

  it('recognises Connection: upgrade with an Upgrade header (httpstream.IsUpgradeRequest)', () => {
    expect(isUpgradeRequest({ connection: 'keep-alive, Upgrade', upgrade: 'websocket' })).to.equal(true);
    expect(isUpgradeRequest({ connection: 'Upgrade' })).to.equal(false);
    expect(isUpgradeRequest({ connection: 'keep-alive', upgrade: 'websocket' })).to.equal(false);
  });

  it('answers a refused upgrade as any response and closes the connection', async () => {
    const out = await exchange(port, 'GET /denied HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n');
    expect(out).to.match(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(out).to.contain('Connection: close');
    // The whole (chunked) body arrives before the close.
    expect(out).to.contain('{"kind":"Status","code":403}');
    expect(out).to.match(/\r\n0\r\n\r\n$/);
  });

  it('hands the socket and the bytes sent after the headers to the handler that switches protocols', async () => {
    const out = await exchange(port, 'GET /echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\nearly', (socket, seen) => {
      if (seen().endsWith('early')) socket.write(' late');
      if (seen().endsWith(' late')) socket.end();
    });
    expect(out).to.match(/^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*\r\n\r\nearly late$/);
    expect(tracked.length).to.equal(2);
  });
});
