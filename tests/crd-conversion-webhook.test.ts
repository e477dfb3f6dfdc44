import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { expect } from 'chai';
import { newCertificateAuthority, newServingCertificate } from '@kapi/apiserver-core';
import { startRestServer, type TestServer } from './rest-helpers';
import { eventually } from './support/eventually';
import { readJSON } from './support/http';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectlOk } from './support/kubectl';
import { testPKI } from './support/test-pki';

const group = 'conv.example.com';
type Obj = { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec?: Record<string, unknown> };

/** A conversion webhook as operators write them: v1beta1 says spec.count, v1 (stored) says spec.replicas. */
function convert(obj: Obj, desired: string): Obj {
  const { count, replicas, ...rest } = (obj.spec ?? {}) as { count?: number; replicas?: number };
  const spec = desired.endsWith('/v1') ? { ...rest, replicas: count ?? replicas } : { ...rest, count: replicas ?? count };
  return { ...obj, apiVersion: desired, spec, metadata: { ...obj.metadata, labels: { ...(obj.metadata.labels as object), converted: 'yes' } } };
}

function crd(url: string, caBundle: string): unknown {
  const schema = (field: string) => ({
    openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { [field]: { type: 'integer' }, color: { type: 'string' } } } } },
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `pumps.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'pumps', kind: 'Pump' },
      conversion: { strategy: 'Webhook', webhook: { clientConfig: { url, caBundle }, conversionReviewVersions: ['v1'] } },
      versions: [
        { name: 'v1beta1', served: true, storage: false, schema: schema('count') },
        { name: 'v1', served: true, storage: true, schema: schema('replicas') },
      ],
    },
  };
}

describe('CustomResourceDefinitions: webhook conversion (ConversionReview v1 over HTTPS)', function () {
  this.timeout(60_000);
  let s: TestServer;
  let webhook: https.Server;
  const reviews: { desiredAPIVersion: string; objects: number }[] = [];
  const beta = `/apis/${group}/v1beta1/namespaces/default/pumps`;
  const v1 = `/apis/${group}/v1/namespaces/default/pumps`;
  const post = (path: string, body: unknown) => fetch(s.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    const pki = await testPKI();
    webhook = https.createServer({ cert: readFileSync(pki.servingCertFile), key: readFileSync(pki.servingKeyFile) }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { request } = JSON.parse(body) as { request: { uid: string; desiredAPIVersion: string; objects: Obj[] } };
        reviews.push({ desiredAPIVersion: request.desiredAPIVersion, objects: request.objects.length });
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            apiVersion: 'apiextensions.k8s.io/v1',
            kind: 'ConversionReview',
            response: { uid: request.uid, result: { status: 'Success' }, convertedObjects: request.objects.map((o) => convert(o, request.desiredAPIVersion)) },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(webhook.address() as AddressInfo).port}/convert`;
    s = await startRestServer();
    expect((await post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd(url, Buffer.from(pki.ca.certPEM).toString('base64')))).status).to.equal(201);
    await eventually(async () => {
      if ((await fetch(s.url + v1)).status !== 200) throw new Error('not served yet');
    });
  });
  after(async () => {
    await s?.stop();
    webhook?.close();
  });

  it('serves both versions consistently: written in one, read and listed in the other', async () => {
    const created = await post(beta, { apiVersion: `${group}/v1beta1`, kind: 'Pump', metadata: { name: 'p1' }, spec: { count: 3, color: 'red' } });
    expect(created.status).to.equal(201);
    expect((await readJSON(created)).spec).to.deep.equal({ count: 3, color: 'red' });
    const asV1 = await readJSON(await fetch(`${s.url}${v1}/p1`));
    expect(asV1).to.deep.include({ apiVersion: `${group}/v1` });
    expect(asV1.spec).to.deep.equal({ replicas: 3, color: 'red' });
    // Only labels and annotations of the webhook's metadata are kept.
    expect(asV1.metadata.labels).to.deep.equal({ converted: 'yes' });
    expect((await post(v1, { apiVersion: `${group}/v1`, kind: 'Pump', metadata: { name: 'p2' }, spec: { replicas: 5 } })).status).to.equal(201);
    const list = await readJSON(await fetch(s.url + beta));
    expect(list.apiVersion).to.equal(`${group}/v1beta1`);
    expect(list.items.map((i: Obj) => [i.apiVersion, i.metadata.name, i.spec?.count])).to.deep.equal([
      [`${group}/v1beta1`, 'p1', 3],
      [`${group}/v1beta1`, 'p2', 5],
    ]);
    expect(reviews.some((r) => r.desiredAPIVersion === `${group}/v1beta1` && r.objects === 2)).to.equal(true);
  });

  it("a write in the other version is validated against that version's schema, before conversion", async () => {
    const bad = await post(beta, { apiVersion: `${group}/v1beta1`, kind: 'Pump', metadata: { name: 'bad' }, spec: { count: 'many' } });
    expect(bad.status).to.equal(422);
    expect((await readJSON(bad)).details.causes.map((c: { field: string }) => c.field)).to.deep.equal(['spec.count']);
    expect((await fetch(`${s.url}${v1}/bad`)).status).to.equal(404);
  });

  it("a webhook that is down fails reads and writes of the other version with kube's message, and loses nothing", async () => {
    const port = (webhook.address() as AddressInfo).port;
    await new Promise((resolve) => webhook.close(resolve));
    webhook.closeAllConnections();
    const read = await fetch(`${s.url}${beta}/p1`);
    expect(read.status).to.equal(500);
    expect((await readJSON(read)).message).to.equal(
      `Internal error occurred: conversion webhook for ${group}/v1, Kind=Pump failed: Post "https://127.0.0.1:${port}/convert": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    );
    const write = await post(beta, { apiVersion: `${group}/v1beta1`, kind: 'Pump', metadata: { name: 'p3' }, spec: { count: 1 } });
    expect(write.status).to.equal(500);
    // The storage version needs no conversion: still served, nothing lost, nothing half written.
    const stored = await readJSON(await fetch(s.url + v1));
    expect(stored.items.map((i: Obj) => [i.metadata.name, i.spec?.replicas])).to.deep.equal([
      ['p1', 3],
      ['p2', 5],
    ]);
  });
});

/** An address of this machine the API server may connect to (not loopback): where a service's endpoints can point. */
function hostAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

describe('CustomResourceDefinitions: a conversion webhook referenced by service', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  let webhook: https.Server;
  let caBundle = '';
  let port = 0;
  const address = hostAddress();
  const beta = `/apis/${group}/v1beta1/namespaces/default/pumps`;
  const v1 = `/apis/${group}/v1/namespaces/default/pumps`;
  const post = (path: string, body: unknown) => fetch(kapi.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  before(async function () {
    if (!address) this.skip();
    // The webhook's own CA; its certificate names the service, as a webhook deployment's does.
    const ca = await newCertificateAuthority('conversion-webhook-test-ca');
    const serving = await newServingCertificate(ca, ['converter.default.svc']);
    caBundle = Buffer.from(ca.certPEM).toString('base64');
    webhook = https.createServer({ cert: serving.certPEM, key: serving.keyPEM }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { request } = JSON.parse(body) as { request: { uid: string; desiredAPIVersion: string; objects: Obj[] } };
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            apiVersion: 'apiextensions.k8s.io/v1',
            kind: 'ConversionReview',
            response: { uid: request.uid, result: { status: 'Success' }, convertedObjects: request.objects.map((o) => convert(o, request.desiredAPIVersion)) },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, address, resolve));
    port = (webhook.address() as AddressInfo).port;
    kapi = await startKapi(['--storage-backend', 'memory']);
    const manifest = crd('unused', caBundle) as { spec: { conversion: { webhook: { clientConfig: Record<string, unknown> } } } };
    manifest.spec.conversion.webhook.clientConfig = { service: { namespace: 'default', name: 'converter', path: '/convert', port: 8443 }, caBundle };
    expect((await post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', manifest)).status).to.equal(201);
    await eventually(async () => {
      if ((await fetch(kapi.url + v1)).status !== 200) throw new Error('not served yet');
    });
  });
  after(async () => {
    await kapi?.stop();
    webhook?.closeAllConnections();
    webhook?.close();
  });

  it("without the service, conversions fail with the resolver's reason as admission webhooks do; nothing is written", async () => {
    const write = await post(beta, { apiVersion: `${group}/v1beta1`, kind: 'Pump', metadata: { name: 'early' }, spec: { count: 1 } });
    expect(write.status).to.equal(500);
    expect((await readJSON(write)).message).to.equal(
      `Internal error occurred: conversion webhook for ${group}/v1beta1, Kind=Pump failed: Post "https://converter.default.svc:8443/convert": services "converter" not found`,
    );
    expect((await readJSON(await fetch(kapi.url + v1))).items).to.have.length(0);
  });

  it('reaches the webhook at an endpoint of the service, verifying the certificate for <service>.<namespace>.svc', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'converter', namespace: 'default' },
        spec: { ports: [{ name: 'https', port: 8443, targetPort: port }] },
      }),
    });
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'converter', namespace: 'default' },
        subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port }] }],
      }),
    });
    const created = await post(beta, { apiVersion: `${group}/v1beta1`, kind: 'Pump', metadata: { name: 's1' }, spec: { count: 4 } });
    expect(created.status, JSON.stringify(await readJSON(created.clone()))).to.equal(201);
    const asV1 = await readJSON(await fetch(`${kapi.url}${v1}/s1`));
    expect(asV1.spec).to.deep.equal({ replicas: 4 });
    const asBeta = await readJSON(await fetch(`${kapi.url}${beta}/s1`));
    expect(asBeta.spec).to.deep.equal({ count: 4 });
  });
});
