import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';

/** RFC 6455 §1.3: the GUID a server appends to the client's key to prove it speaks WebSocket. */
const handshakeGUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** The subprotocol that carries a bearer token (kube's wsstream): authentication, never a protocol to answer. */
const bearerProtocolPrefix = 'base64url.bearer.authorization.k8s.io.';

const opClose = 0x8;
const opPing = 0x9;
const opPong = 0xa;

/** The 101 answer to a WebSocket handshake, choosing the client's first real subprotocol, if any. */
export function websocketAccept(headers: IncomingHttpHeaders): string | undefined {
  const key = headers['sec-websocket-key'];
  if (String(headers.upgrade ?? '').toLowerCase() !== 'websocket' || typeof key !== 'string') return undefined;
  const accept = createHash('sha1')
    .update(key + handshakeGUID)
    .digest('base64');
  const offered = String(headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const protocol = offered.find((p) => !p.startsWith(bearerProtocolPrefix));
  return [
    'HTTP/1.1 101 Switching Protocols',
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Accept: ${accept}`,
    ...(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : []),
    '',
    '',
  ].join('\r\n');
}

/** One server frame (never masked, RFC 6455 §5.1). */
function frame(fin: boolean, opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = (fin ? 0x80 : 0) | opcode;
  if (len < 126) head[1] = len;
  else if (len < 65536) {
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

interface ClientFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
  size: number;
}

/** Parses one masked client frame at the start of `buf`, or undefined while it is incomplete. */
function parseFrame(buf: Buffer): ClientFrame | undefined {
  if (buf.length < 2) return undefined;
  let len = buf[1] & 0x7f;
  let offset = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    offset = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (buf[1] & 0x80) !== 0;
  const maskEnd = offset + (masked ? 4 : 0);
  if (buf.length < maskEnd + len) return undefined;
  const payload = Buffer.from(buf.subarray(maskEnd, maskEnd + len));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= buf[offset + (i % 4)];
  return { fin: (buf[0] & 0x80) !== 0, opcode: buf[0] & 0x0f, payload, size: maskEnd + len };
}

/**
 * Echoes every data frame back as it came (text, binary, continuations), answers pings, and
 * returns a close frame before ending: enough WebSocket for a demonstration stream.
 */
export function echoWebSocket(socket: Duplex, head: Buffer): void {
  let pending = head;
  const onData = (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (let f = parseFrame(pending); f; f = parseFrame(pending)) {
      pending = pending.subarray(f.size);
      if (f.opcode === opClose) {
        socket.end(frame(true, opClose, f.payload));
        return;
      }
      if (f.opcode === opPong) continue;
      socket.write(frame(f.fin, f.opcode === opPing ? opPong : f.opcode, f.payload));
    }
  };
  socket.on('data', onData);
  socket.on('error', () => socket.destroy());
  if (head.length) onData(Buffer.alloc(0));
}
