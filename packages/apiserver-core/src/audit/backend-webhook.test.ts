import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { BufferedBackend } from './backend-buffered';
import { newWebhookBackend, sendEvents, type WebhookBackendOptions } from './backend-webhook';
import type { Event, EventList } from './types';
import { loadWebhookClient } from './webhook-client';
import { eventually } from '../testing/eventually';

function event(i: number): Event {
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: `id-${i}`,
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/default/configmaps',
    verb: 'list',
    user: { username: 'alice' },
    requestReceivedTimestamp: '2026-12-03T07:00:00.000000Z',
    stageTimestamp: '2026-12-03T07:00:00.000100Z',
  };
}

/** A real HTTPS audit receiver: records every POST, answers with the queued codes then 200. */
class Receiver {
  readonly posts: { at: number; path: string; authorization?: string; body: EventList }[] = [];
  readonly codes: number[] = [];
  private server?: https.Server;
  url = '';

  constructor(
    private readonly key: Buffer,
    private readonly cert: Buffer,
  ) {}

  async start(): Promise<void> {
    this.server = https.createServer({ key: this.key, cert: this.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.posts.push({ at: Date.now(), path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString()) });
        res.statusCode = this.codes.shift() ?? 200;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}/audit`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  ids(): string[][] {
    return this.posts.map((p) => p.body.items.map((e) => e.auditID));
  }
}

function collectingLogger(): { logger: pino.Logger; lines: () => { msg: string }[] } {
  const out: string[] = [];
  const logger = pino({ level: 'error' }, { write: (s: string) => void out.push(s) });
  return { logger, lines: () => out.map((l) => JSON.parse(l)) };
}

describe('audit webhook backend (real HTTPS receiver)', () => {
  let dir: string;
  let receiver: Receiver;
  let kubeconfig: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'audit-webhook-'));
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=audit-test-ca');
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'san.ext');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    receiver = new Receiver(readFileSync(path.join(dir, 'server.key')), readFileSync(path.join(dir, 'server.crt')));
    await receiver.start();
    // A relative CA path: resolved against the kubeconfig's directory, as client-go does.
    kubeconfig = path.join(dir, 'webhook.kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: audit',
        '  cluster:',
        `    server: ${receiver.url}`,
        '    certificate-authority: ca.crt',
        'users:',
        '- name: apiserver',
        '  user:',
        '    token: s3cr3t',
        'contexts:',
        '- name: audit',
        '  context: {cluster: audit, user: apiserver}',
        'current-context: audit',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => receiver.stop());

  function options(extra: Partial<WebhookBackendOptions> = {}): WebhookBackendOptions {
    return { client: loadWebhookClient(kubeconfig), initialBackoffMs: 20, ...extra };
  }

  it('batch mode sends full batches at once and the rest after max-wait, as EventLists with the kubeconfig token', async () => {
    const opts = options();
    const backend = new BufferedBackend('webhook', (events) => sendEvents(opts, events), {
      bufferSize: 100,
      maxBatchSize: 3,
      maxBatchWaitMs: 300,
      throttleEnable: false,
      throttleQPS: 10,
      throttleBurst: 15,
    });
    const start = Date.now();
    for (let i = 0; i < 7; i++) backend.processEvents(event(i));
    await eventually(() => expect(receiver.posts).to.have.length.at.least(2), 5000);
    expect(receiver.ids()).to.deep.equal([
      ['id-0', 'id-1', 'id-2'],
      ['id-3', 'id-4', 'id-5'],
    ]);
    expect(receiver.posts[1].at - start).to.be.below(250);
    await eventually(() => expect(receiver.posts).to.have.length.at.least(3), 5000);
    expect(receiver.ids()[2]).to.deep.equal(['id-6']);
    expect(receiver.posts[2].at - start).to.be.at.least(290);
    const post = receiver.posts[0];
    expect(post.path).to.equal('/audit');
    expect(post.authorization).to.equal('Bearer s3cr3t');
    expect(post.body).to.include({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1' });
    expect(post.body.items[0]).to.deep.equal(event(0));
    await backend.shutdown();
  });

  it('shutdown flushes what is buffered and waits for the sends', async () => {
    const opts = options();
    const backend = new BufferedBackend('webhook', (events) => sendEvents(opts, events), {
      bufferSize: 100,
      maxBatchSize: 400,
      maxBatchWaitMs: 60_000,
      throttleEnable: true,
      throttleQPS: 10,
      throttleBurst: 15,
    });
    backend.processEvents(event(1), event(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.posts).to.have.length(0);
    await backend.shutdown();
    expect(receiver.ids()).to.deep.equal([['id-1', 'id-2']]);
  });

  it('a full buffer drops the event and says so', async () => {
    const { logger, lines } = collectingLogger();
    const opts = options();
    const backend = new BufferedBackend(
      'webhook',
      (events) => sendEvents(opts, events),
      {
        bufferSize: 2,
        maxBatchSize: 2,
        maxBatchWaitMs: 60_000,
        throttleEnable: false,
        throttleQPS: 1,
        throttleBurst: 1,
      },
      logger,
    );
    backend.processEvents(event(1));
    backend.processEvents(event(2), event(3));
    await backend.shutdown();
    expect(receiver.ids().flat()).to.deep.equal(['id-1', 'id-2']);
    expect(lines().map((l) => l.msg)).to.include('Error in audit plugin: audit buffer queue blocked');
  });

  it('retries 5xx and 429 with backoff, then delivers once', async () => {
    receiver.codes.push(500, 429);
    await newWebhookBackend(options()).processEvents(event(1));
    expect(receiver.posts).to.have.length(3);
    expect(receiver.posts[2].at - receiver.posts[0].at).to.be.at.least(20 + 30);
    expect(receiver.ids()[2]).to.deep.equal(['id-1']);
  });

  it('does not retry a 4xx, and never throws into the request: the failure is logged', async () => {
    receiver.codes.push(400);
    const { logger, lines } = collectingLogger();
    await newWebhookBackend(options({ logger })).processEvents(event(1));
    expect(receiver.posts).to.have.length(1);
    expect(lines()[0].msg).to.equal('Error in audit plugin: unable to send audit events');
  });

  it('verifies the receiver against the kubeconfig CA', async () => {
    const other = path.join(dir, 'no-ca.kubeconfig');
    writeFileSync(other, readFileSync(kubeconfig, 'utf8').replace('    certificate-authority: ca.crt\n', ''));
    const { logger, lines } = collectingLogger();
    await newWebhookBackend({ client: loadWebhookClient(other), initialBackoffMs: 1, logger }).processEvents(event(1));
    expect(receiver.posts).to.have.length(0);
    expect(lines()).to.have.length(1);
    expect(JSON.stringify(lines()[0])).to.match(/certificate/i);
  });
});
