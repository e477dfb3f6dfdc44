/*
 * Captures the protobuf request bodies the real kubectl sends, for golden tests of the decoder.
 *
 *   node --require tsx/cjs capture-kubectl.ts <fixture-dir> [--upstream http://127.0.0.1:PORT]
 *
 * <fixture-dir>/commands.json maps a fixture name to kubectl arguments. For each, kubectl runs
 * against a small HTTP server that records the first application/vnd.kubernetes.protobuf body it
 * receives (<name>.pb) and answers 201; every other request goes to the upstream server when one is
 * given (discovery, GETs that `kubectl expose` needs), else 404. The same arguments with
 * `--dry-run=client -o json` give the object kubectl would send, as JSON (<name>.json).
 * Arguments run with <fixture-dir> as the working directory, so they may name files there.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

interface Captured {
  method: string;
  url: string;
  body: Buffer;
}

function kubectl(server: string, cwd: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['-s', server, ...args], { cwd }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

function forward(upstream: string, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
  const out = http.request(new URL(req.url ?? '/', upstream), { method: req.method, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on('error', () => res.writeHead(502).end());
  out.end(body);
}

async function main(): Promise<void> {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) throw new Error('usage: capture-kubectl.ts <fixture-dir> [--upstream URL]');
  const upstreamAt = rest.indexOf('--upstream');
  const upstream = upstreamAt >= 0 ? rest[upstreamAt + 1] : undefined;
  const commands = JSON.parse(readFileSync(path.join(dir, 'commands.json'), 'utf8')) as Record<string, string[]>;
  let captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if ((req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf')) {
        captured.push({ method: req.method ?? '', url: req.url ?? '', body });
        res.writeHead(201, { 'Content-Type': 'application/json' }).end('{}');
      } else if (upstream) {
        forward(upstream, req, body, res);
      } else {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const [name, args] of Object.entries(commands)) {
      captured = [];
      await kubectl(url, dir, args);
      if (captured.length === 0) {
        process.stderr.write(`${name}: kubectl sent no protobuf body\n`);
        continue;
      }
      writeFileSync(path.join(dir, `${name}.pb`), captured[0].body);
      // Commands without --dry-run (kubectl create token) leave the expected JSON to the test.
      // The flags go before a `--` (kubectl create job x --image=busybox -- sh -c …), which ends kubectl's own.
      const dashes = args.includes('--') ? args.indexOf('--') : args.length;
      const dry = await kubectl(url, dir, [...args.slice(0, dashes), '--dry-run=client', '-o', 'json', ...args.slice(dashes)]);
      if (dry.code === 0) writeFileSync(path.join(dir, `${name}.json`), dry.stdout);
      else process.stderr.write(`${name}: no dry run: ${dry.stderr.split('\n')[0]}\n`);
      process.stdout.write(`${name}: ${captured[0].method} ${captured[0].url} (${captured[0].body.length} bytes)\n`);
    }
  } finally {
    server.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
