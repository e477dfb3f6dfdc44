import { expect } from 'chai';
import { spawn } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { repoRoot, startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { testPKI } from './support/test-pki';

/**
 * Issue 20: fuzz the whole server from its own OpenAPI with schemathesis (the venv of
 * scripts/ensure-schemathesis.sh, which npm test runs first). Fails on any 5xx but kube's 503 and
 * 504, on a request that hangs past --request-timeout, and on a server that crashed or is not ready
 * afterwards. CI: fixed seed, FUZZ_SECONDS (default 150) of fuzzing; `npm run fuzz` runs it longer.
 */
const st = path.join(repoRoot, '.tmp/schemathesis-venv/bin/st');
const fuzzSeconds = Number(process.env.FUZZ_SECONDS) || 150;
const seed = process.env.FUZZ_SEED ?? '20261203';
const maxExamples = process.env.FUZZ_MAX_EXAMPLES ?? (process.env.FUZZ_SECONDS ? '1000' : '4');

/** The sum of apiserver_request_total by status code class, from /metrics. */
async function requestCounts(url: string): Promise<{ total: number; serverErrors: Record<string, number> }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  const serverErrors: Record<string, number> = {};
  for (const m of text.matchAll(/^apiserver_request_total\{[^}]*code="(\d+)"[^}]*\} (\d+)$/gm)) {
    total += Number(m[2]);
    if (m[1].startsWith('5') && m[1] !== '503' && m[1] !== '504') serverErrors[m[1]] = (serverErrors[m[1]] ?? 0) + Number(m[2]);
  }
  return { total, serverErrors };
}

function runSchemathesis(url: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(st, ['run', `${url}/openapi/v2`, ...args], {
      cwd: repoRoot,
      env: { ...process.env, SCHEMATHESIS_HOOKS: 'tests.fuzz.schemathesis_hooks', PYTHONPATH: repoRoot, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('HTTP fuzz of the whole server from its OpenAPI (schemathesis)', function () {
  this.timeout((fuzzSeconds + 120) * 1000);
  let kapi: KapiProcess;
  const scratch = tempDir('kapi-fuzz-');

  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi?.stop();
    scratch.cleanup();
  });

  const send = (method: string, p: string, body?: string, contentType = 'application/json') =>
    fetch(`${kapi.url}${p}`, { method, body, headers: body === undefined ? {} : { 'Content-Type': contentType } });
  const cms = '/api/v1/namespaces/default/configmaps';

  describe('regressions the fuzzers found', () => {
    it('a DeleteOptions body with dryRun of the wrong JSON type is a 400 (was a 500)', async () => {
      const res = await send('DELETE', `${cms}/x`, '{"dryRun":5}');
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { message: string }).message).to.equal('json: cannot unmarshal number into Go struct field DeleteOptions.dryRun of type []string');
      expect((await send('DELETE', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', '{"gracePeriodSeconds":"1"}')).status).to.equal(400);
    });

    it('a warning about a field named with characters above U+00FF is sent escaped as ASCII (was a 500)', async () => {
      const res = await send('POST', `${cms}?fieldValidation=Warn`, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'warn-utf8' }, 'ключ€': 1 }));
      expect(res.status).to.equal(201);
      // Go's strconv.Unquote, as kubectl reads it, gives back the field name.
      expect(res.headers.get('warning')).to.equal('299 - "unknown field \\"\\u043a\\u043b\\u044e\\u0447\\u20ac\\""');
    });

    it('thousands of unknown fields give at most 4096 characters of warnings, as kube', async () => {
      const fields = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`unknownField${i}`, i]));
      const res = await send('POST', `${cms}?fieldValidation=Warn`, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'many-warnings' }, ...fields }));
      expect(res.status).to.equal(201);
      const warnings = (res.headers.get('warning') ?? '').split(', 299 - ');
      expect(warnings.length).to.be.within(100, 250);
    });

    it('TRACE is a 405 MethodNotAllowed Status, as go-restful answers (was a 501 text)', async () => {
      const pki = await testPKI();
      for (const p of [cms, `${cms}/x`, '/api/v1/namespaces/default/pods/x/status']) {
        // fetch refuses TRACE; node:https sends it.
        const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = https.request(`${kapi.url}${p}`, { method: 'TRACE', ca: pki.ca.certPEM, cert: pki.admin.certPEM, key: pki.admin.keyPEM }, (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          });
          req.on('error', reject);
          req.end();
        });
        expect(status, p).to.equal(405);
        expect((JSON.parse(body) as { reason: string }).reason).to.equal('MethodNotAllowed');
      }
    });

    it('a continue token of JSON null is a 400 (was a 500)', async () => {
      expect((await send('GET', `${cms}?limit=1&continue=bnVsbA`)).status).to.equal(400);
    });

    it('patches nested 3000 levels deep are a 400, not a 500 stack overflow', async () => {
      await send('POST', cms, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'deep' } }));
      const deep = `{"x":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`;
      for (const type of ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml']) {
        const res = await send('PATCH', `${cms}/deep?fieldManager=fuzz${type.includes('apply') ? '&force=true' : ''}`, deep, type);
        expect(res.status, type).to.equal(400);
      }
    });
  });

  it(`answers ${maxExamples} examples per operation for ${fuzzSeconds} s without a 5xx, a hang or a crash`, async () => {
    const pki = await testPKI();
    const before = await requestCounts(kapi.url);
    const started = Date.now();
    const { code, output } = await runSchemathesis(
      kapi.url,
      [
        '--tls-verify',
        pki.caFile,
        '--request-cert',
        pki.adminCertFile,
        '--request-cert-key',
        pki.adminKeyFile,
        '--checks',
        'kube_server_error',
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        maxExamples,
        '--max-time',
        String(fuzzSeconds),
        '--seed',
        seed,
        '--request-timeout',
        '20',
        '--workers',
        '2',
        '--no-color',
        '--report',
        'junit',
        '--report-dir',
        scratch.dir,
      ],
      (fuzzSeconds + 90) * 1000,
    );
    const after = await requestCounts(kapi.url);
    const fuzzed = after.total - before.total;
    const summary = output.slice(output.lastIndexOf('SUMMARY'));
    console.log(`      schemathesis: ${fuzzed} requests in ${Math.round((Date.now() - started) / 1000)} s, exit ${code}, seed ${seed}`);

    expect(kapi.proc.exitCode, `kapi exited:\n${kapi.output().slice(-3000)}`).to.equal(null);
    expect((await fetch(`${kapi.url}/readyz`)).status).to.equal(200);
    expect(after.serverErrors, 'apiserver_request_total counted 5xx answers').to.deep.equal(before.serverErrors);
    // Findings of our check and requests that hung or lost their connection; schemathesis's own
    // generator errors ("Runtime Error") are its bugs, not kapi's, and are only printed.
    expect(output, output.slice(output.indexOf('FAILURES'), output.indexOf('FAILURES') + 6000)).to.not.match(/Custom check failed|Network Error/);
    expect(summary, output.slice(-4000)).to.match(/Test cases:/);
    expect(fuzzed).to.be.above(1000);
  });
});
