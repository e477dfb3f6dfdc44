/**
 * The cost of decoding a built-in kind's request body as kube-apiserver's Go decoder does (type
 * errors, null list items, unknown fields: validateRequestObject), for one big Deployment: the
 * decoding alone, and a whole create of it over HTTPS to an in-process server (memory storage).
 * Best of `--rounds`, as the other cost scripts.
 *
 *   TSX_TSCONFIG_PATH=tsconfig.base.json node --conditions=kapi-source --require tsx/cjs bench/src/request-validation-cost.ts [--creates N] [--rounds N]
 */
import { SchemaRegistry, validateRequestObject, type RequestContext, type RequestScope } from '@kapi/apiserver-core';
import { createServer } from '@kapi/controlplane';
import { Agent, fetch } from 'undici';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const creates = arg('creates', 100);
const rounds = arg('rounds', 3);

/** A Deployment of 100 containers with 20 env vars, 4 ports, probes and resources each (~190 KB of JSON). */
function bigDeployment(name: string): Record<string, unknown> {
  const containers = Array.from({ length: 100 }, (_, i) => ({
    name: `c${i}`,
    image: `registry.example/app:${i}`,
    args: ['--serve', `--id=${i}`],
    env: Array.from({ length: 20 }, (_, j) => ({ name: `VAR_${j}`, value: `value-${i}-${j}` })),
    ports: Array.from({ length: 4 }, (_, j) => ({ name: `p${j}`, containerPort: 8000 + j, protocol: 'TCP' })),
    resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8000 }, periodSeconds: 5 },
  }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: 'big' } },
    spec: { replicas: 1, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers } } },
  };
}

function decodingMicros(): number {
  const schemas = new SchemaRegistry();
  const kind = { group: 'apps', version: 'v1', kind: 'Deployment' };
  schemas.add({ gvk: kind, definition: 'io.k8s.api.apps.v1.Deployment' });
  const scope = { kind, schemas } as RequestScope;
  const raw = JSON.stringify(bigDeployment('d'));
  const n = 200;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) validateRequestObject({ fieldValidation: 'Strict' }, {} as RequestContext, scope, JSON.parse(raw), raw);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

async function createMillis(url: string, dispatcher: Agent, round: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < creates; i++) {
    const res = await fetch(`${url}/apis/apps/v1/namespaces/default/deployments`, {
      method: 'POST',
      dispatcher,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(bigDeployment(`d-${round}-${i}`)),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`create answered ${res.status}`);
  }
  return Number(process.hrtime.bigint() - start) / 1e6 / creates;
}

async function main(): Promise<void> {
  const server = await createServer({ logLevel: 'silent', controllers: [] });
  const dispatcher = new Agent({ connect: server.tls });
  try {
    let decode = Infinity;
    let create = Infinity;
    for (let r = 0; r < rounds; r++) {
      decode = Math.min(decode, decodingMicros());
      create = Math.min(create, await createMillis(server.url, dispatcher, r));
    }
    console.log(
      `body ${(JSON.stringify(bigDeployment('d')).length / 1024).toFixed(0)} KiB; decoding ${decode.toFixed(0)} µs; create over HTTPS ${create.toFixed(2)} ms (best of ${rounds})`,
    );
  } finally {
    await dispatcher.close();
    await server.close();
  }
}

void main();
