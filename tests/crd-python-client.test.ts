import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { kubeconfigFor } from '@kapi/controlplane';
import { databaseCRD, group } from './support/crd-fixtures';
import { eventually } from './support/eventually';
import type { Json } from './support/http';
import { repoRoot, startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { testPKI } from './support/test-pki';

/** The venv scripts/ensure-python-client.sh makes (npm test runs it first). */
const python = path.join(repoRoot, '.tmp/python-venv/bin/python');
const program = path.join(__dirname, 'compat/python/custom_resources.py');

function runPython(args: string[]): Promise<Record<string, Json>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(python, [program, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`custom_resources.py exited ${code}\nstdout: ${stdout}\nstderr: ${stderr}`));
      const steps: Record<string, Json> = {};
      for (const line of stdout.split('\n').filter(Boolean)) {
        const { step, ...rest } = JSON.parse(line) as Json;
        steps[step] = rest;
      }
      resolve(steps);
    });
  });
}

describe("CustomResourceDefinitions through the Python client's DynamicClient", function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  let tmp: { dir: string; cleanup: () => void };

  before(async () => {
    if (!existsSync(python)) throw new Error(`${python} is missing: run scripts/ensure-python-client.sh (npm test does)`);
    tmp = tempDir('kapi-crd-python-');
    kapi = await startKapi(['--storage-backend', 'memory', '--data-dir', path.join(tmp.dir, 'data')]);
    const res = await fetch(`${kapi.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(databaseCRD()),
    });
    expect(res.status).to.equal(201);
    await eventually(async () => {
      if ((await fetch(`${kapi.url}/apis/${group}/v1/databases`)).status !== 200) throw new Error('not served yet');
    });
  });
  after(async () => {
    await kapi?.stop();
    tmp?.cleanup();
  });

  it('discovers the kind, creates (defaults applied), patches, applies server-side, lists, is refused with 422, deletes and watches it all', async () => {
    const pki = await testPKI();
    const kubeconfig = path.join(tmp.dir, 'admin.kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(kapi.url, 'kapi', 'default', { ca: pki.ca.certPEM, cert: pki.admin.certPEM, key: pki.admin.keyPEM }), { mode: 0o600 });
    const steps = await runPython(['--kubeconfig', kubeconfig]);
    expect(steps.discovery).to.deep.equal({
      name: 'databases',
      namespaced: true,
      shortNames: ['da'],
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    });
    expect(steps.create.spec).to.deep.equal({ engine: 'postgres', replicas: 1 });
    expect(steps.patch.spec).to.deep.equal({ engine: 'postgres', replicas: 2 });
    expect(steps.apply.spec).to.deep.equal({ engine: 'postgres', replicas: 2, version: '16' });
    expect(steps.apply.managers).to.include('py-operator');
    expect(steps.list).to.deep.equal({ kind: 'DatabaseList', names: ['py-db'] });
    expect(steps.invalid.error.status).to.equal(422);
    expect(steps.invalid.error.body.details.causes).to.deep.include({
      reason: 'FieldValueNotSupported',
      message: 'Unsupported value: "oracle": supported values: "postgres", "mysql", "sqlite"',
      field: 'spec.engine',
    });
    expect(steps.delete).to.deep.equal({ status: 'Success' });
    expect(steps['get-deleted'].error.status).to.equal(404);
    // The refused create left no event; the apply changed the object, so it is a MODIFIED.
    expect(steps.watch.events).to.deep.equal([
      ['ADDED', 'py-db'],
      ['MODIFIED', 'py-db'],
      ['MODIFIED', 'py-db'],
      ['DELETED', 'py-db'],
    ]);
  });
});
