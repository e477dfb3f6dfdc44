import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { expect } from 'chai';
import { WatchFlusher } from './watch-flusher';

/** A connected pair of real TCP sockets on the loopback. */
async function socketPair(): Promise<{ client: Socket; server: Socket; listener: Server }> {
  const listener = createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const accepted = once(listener, 'connection');
  const client = connect((listener.address() as AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  const [server] = (await accepted) as [Socket];
  return { client, server, listener };
}

describe('WatchFlusher', () => {
  it('holds what a turn wrote until its pass, then sends every frame in order, intact', async () => {
    const { client, server, listener } = await socketPair();
    try {
      const flusher = new WatchFlusher();
      const received: Buffer[] = [];
      client.on('data', (d: Buffer) => received.push(d));
      expect(flusher.write(server, Buffer.from('one\n'))).to.equal(true);
      expect(flusher.write(server, Buffer.from('two\n'))).to.equal(true);
      // Corked until the pass: nothing has left the process yet.
      expect(server.writableLength).to.equal(8);
      expect(server.writableCorked).to.equal(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(server.writableCorked).to.equal(0);
      expect(Buffer.concat(received).toString()).to.equal('one\ntwo\n');
    } finally {
      client.destroy();
      server.destroy();
      listener.close();
    }
  });

  it('reports a full buffer, and the socket drains after the pass (the watch handler waits for it)', async () => {
    const { client, server, listener } = await socketPair();
    try {
      const flusher = new WatchFlusher();
      client.resume();
      const big = Buffer.alloc(server.writableHighWaterMark + 1, 'x');
      expect(flusher.write(server, big)).to.equal(false);
      await once(server, 'drain');
      expect(server.writableLength).to.equal(0);
    } finally {
      client.destroy();
      server.destroy();
      listener.close();
    }
  });
});
