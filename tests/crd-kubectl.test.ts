import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { database, databaseCRD, group } from './support/crd-fixtures';
import { eventually } from './support/eventually';
import { readJSON } from './support/http';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

const crdPath = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const dbs = `/apis/${group}/v1/namespaces/default/databases`;
const aggregated = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

async function post(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function etagOf(url: string, path: string, accept = 'application/json'): Promise<string> {
  const res = await fetch(url + path, { headers: { Accept: accept } });
  await res.arrayBuffer();
  return res.headers.get('ETag') ?? '';
}

function established(crd: { status?: { conditions?: { type: string; status: string }[] } }): boolean {
  return !!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
}

/** The CRD story of issue 18 through the real kubectl, against `kapi server` on one storage backend. */
interface Started {
  kapi: KapiProcess;
  /** Stops kapi and starts it again on the same storage. */
  restart: () => Promise<KapiProcess>;
  stop: () => Promise<void>;
}

function crdSuite(backend: string, start: () => Promise<Started>): void {
  describe(`CustomResourceDefinitions through kubectl (${backend})`, function () {
    this.timeout(120_000);
    let kapi: KapiProcess;
    let stop: () => Promise<void>;
    let restart: () => Promise<KapiProcess>;
    let url: string;
    const before0: Record<string, string> = {};
    const run = (args: string[], input?: string) => kubectlOk(url, args, { input });

    before(async () => {
      ({ kapi, stop, restart } = await start());
      url = kapi.url;
      before0.v2 = await etagOf(url, '/openapi/v2');
      before0.v3 = await etagOf(url, '/openapi/v3');
      before0.discovery = await etagOf(url, '/apis', aggregated);
    });
    after(async () => stop());

    it('a custom resource is 404 before its CRD exists and is established', async () => {
      const res = await post(url, dbs, database('early', { engine: 'postgres' }));
      expect(res.status).to.equal(404);
      expect((await readJSON(res)).reason).to.equal('NotFound');
    });

    it('establishes a multi-version CRD and serves its first custom resource in well under a second', async () => {
      const t0 = performance.now();
      const created = await post(url, crdPath, databaseCRD());
      expect(created.status).to.equal(201);
      let tEstablished = 0;
      await eventually(
        async () => {
          const crd = await readJSON(await fetch(`${url}${crdPath}/databases.${group}`));
          if (!established(crd)) throw new Error('not established');
          tEstablished = performance.now();
        },
        5000,
        5,
      );
      let tServed = 0;
      await eventually(
        async () => {
          const res = await post(url, dbs, database('first', { engine: 'postgres' }));
          if (res.status !== 201) throw new Error(`create: ${res.status}`);
          tServed = performance.now();
        },
        5000,
        5,
      );
      // Printed on purpose: the figure the issue asks for
      console.log(`      ${backend}: CRD create → Established ${(tEstablished - t0).toFixed(0)} ms → first CR served ${(tServed - t0).toFixed(0)} ms`);
      expect(tServed - t0).to.be.lessThan(1000);
    });

    it('kubectl get crd prints NAME and CREATED AT; status carries acceptedNames, conditions and storedVersions', async () => {
      const table = await run(['get', 'crd']);
      expect(table.split('\n')[0]).to.match(/^NAME\s+CREATED AT$/);
      expect(table).to.include(`databases.${group}`);
      const crd = JSON.parse(await run(['get', 'crd', `databases.${group}`, '-o', 'json']));
      expect(crd.status.acceptedNames).to.deep.include({ plural: 'databases', kind: 'Database', listKind: 'DatabaseList', singular: 'database', shortNames: ['da'] });
      expect(crd.status.storedVersions).to.deep.equal(['v1']);
      const byType = Object.fromEntries(crd.status.conditions.map((c: { type: string; reason: string }) => [c.type, c.reason]));
      expect(byType).to.deep.equal({ NamesAccepted: 'NoConflicts', Established: 'InitialNamesAccepted' });
    });

    it('discovery and OpenAPI change: kubectl api-resources and explain see the kind, ETags moved', async () => {
      expect(await etagOf(url, '/openapi/v2')).to.not.equal(before0.v2);
      expect(await etagOf(url, '/openapi/v3')).to.not.equal(before0.v3);
      expect(await etagOf(url, '/apis', aggregated)).to.not.equal(before0.discovery);
      const resources = await run(['api-resources', '--api-group', group]);
      expect(resources).to.match(/databases\s+da\s+stable\.example\.com\/v1\s+true\s+Database/);
      const explain = await run(['explain', 'databases.spec.storage.backups.retention']);
      expect(explain).to.include('days\t<integer>');
      const preferred = JSON.parse(await run(['get', '--raw', `/apis/${group}`]));
      expect(preferred.preferredVersion.version).to.equal('v1');
      expect(preferred.versions.map((v: { version: string }) => v.version)).to.deep.equal(['v1', 'v1beta1']);
    });

    it('creates, lists with printer columns, patches, applies server-side and scales custom resources', async () => {
      await run(['apply', '-f', '-'], JSON.stringify(database('orders', { engine: 'mysql', replicas: 2, storage: {}, users: [{ name: 'app', roles: ['rw'] }] })));
      const table = await run(['get', 'databases']);
      expect(table.split('\n')[0]).to.match(/^NAME\s+ENGINE\s+REPLICAS\s+PHASE\s+AGE$/);
      // A path leading nowhere is a null cell, which kubectl prints empty.
      expect(table).to.match(/orders\s+mysql\s+2\s+\d+s/);
      // Defaults of the schema were applied on create (inside objects that exist, as kube does).
      const orders = JSON.parse(await run(['get', 'da', 'orders', '-o', 'json']));
      expect(orders.spec.storage).to.deep.equal({ size: '1Gi' });
      const patch = JSON.parse(await run(['get', '--raw', `/openapi/v3/apis/${group}/v1`])).paths[`/apis/${group}/v1/namespaces/{namespace}/databases/{name}`].patch;
      expect(Object.keys(patch.requestBody.content)).to.deep.equal(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']);
      // Client-side apply of a change, and kubectl diff: both patch with a merge patch, as OpenAPI offers no strategic one.
      const changed = JSON.stringify(database('orders', { engine: 'mysql', replicas: 2, storage: { className: 'fast' }, users: [{ name: 'app', roles: ['rw'] }] }));
      const diff = await kubectl(url, ['diff', '-f', '-'], { input: changed });
      expect(diff.code, diff.stderr).to.equal(1);
      expect(diff.stdout).to.match(/\+\s+className: fast/);
      expect((await run(['apply', '-f', '-'], changed)).trim()).to.equal('database.stable.example.com/orders configured');
      await run(['patch', 'database', 'orders', '--type=merge', '-p', '{"spec":{"version":"8.0"}}']);
      await run(['patch', 'database', 'orders', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":3}]']);
      const smp = await kubectl(url, ['patch', 'database', 'orders', '-p', '{"spec":{"replicas":4}}']);
      expect(smp.code).to.equal(1);
      expect(smp.stderr).to.include(
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      );
      const applied = database('orders', {
        engine: 'mysql',
        replicas: 3,
        users: [
          { name: 'app', roles: ['rw'] },
          { name: 'report', roles: ['ro'] },
        ],
      });
      await run(['apply', '--server-side', '--field-manager', 'ops', '--force-conflicts', '-f', '-'], JSON.stringify(applied));
      await run(['scale', 'database', 'orders', '--replicas=5']);
      const after = JSON.parse(await run(['get', 'database', 'orders', '-o', 'json', '--show-managed-fields']));
      expect(after.spec).to.deep.include({ engine: 'mysql', version: '8.0', replicas: 5 });
      expect(after.spec.users.map((u: { name: string }) => u.name)).to.deep.equal(['app', 'report']);
      expect(after.metadata.managedFields.map((m: { manager: string }) => m.manager)).to.include('ops');
      const scale = JSON.parse(await run(['get', '--raw', `${dbs}/orders/scale`]));
      expect(scale).to.deep.include({ kind: 'Scale', apiVersion: 'autoscaling/v1' });
      expect(scale.spec.replicas).to.equal(5);
    });

    it('the status subresource alone writes status; the main resource keeps it', async () => {
      const current = JSON.parse(await run(['get', 'database', 'orders', '-o', 'json']));
      await run(['replace', '--subresource', 'status', '-f', '-'], JSON.stringify({ ...current, status: { phase: 'Ready', replicas: 5 } }));
      await run(['patch', 'database', 'orders', '--type=merge', '-p', '{"status":{"phase":"Lost"}}']);
      expect(await run(['get', 'database', 'orders', '-o', 'jsonpath={.status.phase}'])).to.equal('Ready');
      expect(await run(['get', 'databases'])).to.match(/orders\s+mysql\s+5\s+Ready/);
      const bad = await fetch(`${url}${dbs}/orders/status`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ status: { replicas: 'five' } }),
      });
      expect(bad.status).to.equal(422);
      // The CEL rules on spec are then skipped, which kube reports at the object itself (<nil>).
      expect((await readJSON(bad)).details.causes.map((c: { field: string }) => c.field)).to.deep.equal(['status.replicas', '<nil>']);
    });

    it('an invalid custom resource is a 422 with one cause per field (schema and CEL rule); nothing is stored', async () => {
      const res = await post(url, dbs, database('bad', { engine: 'oracle', version: 'x', replicas: 12, users: [{ name: 'a' }, { name: 'a' }] }));
      expect(res.status).to.equal(422);
      const status = await readJSON(res);
      const fields = status.details.causes.map((c: { field: string }) => c.field);
      expect(fields).to.include.members(['spec.engine', 'spec.version', 'spec.replicas', 'spec.users[1]']);
      const cel = await post(url, dbs, database('lite', { engine: 'sqlite', replicas: 2 }));
      expect(cel.status).to.equal(422);
      expect((await readJSON(cel)).details.causes).to.deep.include({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "object": sqlite runs a single replica',
        field: 'spec.replicas',
      });
      expect((await fetch(`${url}${dbs}/bad`)).status).to.equal(404);
    });

    it('fieldValidation Strict names each unknown field; Warn answers it as a warning and prunes it', async () => {
      const strict = await kubectl(url, ['create', '-f', '-'], { input: JSON.stringify(database('strict', { engine: 'mysql', colour: 'red', storage: { tier: 1 } })) });
      expect(strict.code).to.equal(1);
      expect(strict.stderr).to.include('strict decoding error: unknown field "spec.colour", unknown field "spec.storage.tier"');
      const warn = await kubectl(url, ['create', '--validate=warn', '-f', '-'], {
        input: JSON.stringify(database('warn', { engine: 'mysql', colour: 'red', extra: { any: 'thing' } })),
      });
      expect(warn.code).to.equal(0);
      expect(warn.stderr).to.include('unknown field "spec.colour"');
      const stored = JSON.parse(await run(['get', 'database', 'warn', '-o', 'json']));
      expect(stored.spec).to.not.have.property('colour');
      expect(stored.spec.extra).to.deep.equal({ any: 'thing' });
    });

    it("v1beta1 serves the same objects with its apiVersion and kube's deprecation warning", async () => {
      const res = await kubectl(url, ['get', `databases.v1beta1.${group}`, 'orders', '-o', 'json']);
      expect(res.code).to.equal(0);
      expect(JSON.parse(res.stdout).apiVersion).to.equal(`${group}/v1beta1`);
      expect(res.stderr).to.include(`Warning: ${group}/v1beta1 Database is deprecated; use ${group}/v1 Database`);
      const created = await post(url, `/apis/${group}/v1beta1/namespaces/default/databases`, database('old', { engine: 'postgres' }, 'v1beta1'));
      expect(created.status).to.equal(201);
      expect((await readJSON(await fetch(`${url}${dbs}/old`))).apiVersion).to.equal(`${group}/v1`);
    });

    it('a watch sees a custom resource added, modified and deleted', async () => {
      const list = await readJSON(await fetch(`${url}${dbs}`));
      const ac = new AbortController();
      const res = await fetch(`${url}${dbs}?watch=1&resourceVersion=${list.metadata.resourceVersion}`, { signal: ac.signal });
      const events: string[] = [];
      const reading = (async () => {
        const decoder = new TextDecoder();
        let buf = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += decoder.decode(chunk, { stream: true });
          for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
            const ev = JSON.parse(buf.slice(0, i));
            buf = buf.slice(i + 1);
            events.push(`${ev.type} ${ev.object.metadata.name}`);
          }
        }
      })().catch(() => undefined);
      await run(['create', '-f', '-'], JSON.stringify(database('watched', { engine: 'postgres' })));
      await run(['label', 'database', 'watched', 'tier=gold']);
      await run(['delete', 'database', 'watched']);
      await eventually(() => expect(events).to.deep.equal(['ADDED watched', 'MODIFIED watched', 'DELETED watched']));
      ac.abort();
      await reading;
    });

    it('an invalid CRD is a 422 listing every problem; a CRD whose names are taken is never established', async () => {
      const bad = await post(url, crdPath, {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'things.nodot' },
        spec: { group: 'nodot', scope: 'Galaxy', names: { plural: 'things', kind: 'Thing' }, versions: [{ name: 'v1', served: true, storage: false }] },
      });
      expect(bad.status).to.equal(422);
      const causes = (await readJSON(bad)).details.causes.map((c: { field: string; message: string }) => `${c.field}: ${c.message}`);
      expect(causes).to.include.members([
        'spec.group: Invalid value: "nodot": should be a domain with at least one dot',
        'spec.scope: Unsupported value: "Galaxy": supported values: "Cluster", "Namespaced"',
        'spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
        'status.storedVersions: Invalid value: []: must have at least one stored version',
      ]);
      expect(causes.some((c: string) => /^spec\.versions: Invalid value: .*: must have exactly one version marked as storage version$/.test(c))).to.equal(true);
      const badSchema = databaseCRD('widgets', 'Widget') as { spec: { versions: { schema: { openAPIV3Schema: { properties: Record<string, unknown> } } }[] } };
      badSchema.spec.versions = [{ ...badSchema.spec.versions[1], selectableFields: undefined } as (typeof badSchema.spec.versions)[0]];
      badSchema.spec.versions[0].schema.openAPIV3Schema.properties.spec = {
        type: 'object',
        properties: { size: { minimum: 1 } },
        'x-kubernetes-validations': [{ rule: 'self.size >' }],
      };
      const structural = await post(url, crdPath, badSchema);
      expect(structural.status).to.equal(422);
      const schemaCauses = (await readJSON(structural)).details.causes.map((c: { field: string }) => c.field);
      expect(schemaCauses).to.deep.equal([
        'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type',
        'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule',
      ]);
      // Another CRD of the group claiming the kind Database: NamesAccepted False, never served.
      const clash = databaseCRD('dbs', 'Database');
      expect((await post(url, crdPath, clash)).status).to.equal(201);
      const crd = await eventually(async () => {
        const c = await readJSON(await fetch(`${url}${crdPath}/dbs.${group}`));
        if (!c.status?.conditions?.length) throw new Error('no conditions yet');
        return c;
      });
      const names = crd.status.conditions.find((c: { type: string }) => c.type === 'NamesAccepted');
      // As in kube, the last conflicting name checked (listKind after kind) is the reason.
      expect(names).to.deep.include({ status: 'False', reason: 'ListKindConflict', message: '"DatabaseList" is already in use' });
      expect((await fetch(`${url}/apis/${group}/v1/namespaces/default/dbs`)).status).to.equal(404);
      await run(['delete', 'crd', `dbs.${group}`]);
    });

    it('creates custom resources about as fast as ConfigMaps (figures printed)', async () => {
      const rate = async (path: string, body: (i: number) => unknown, from: number, n: number) => {
        const t0 = performance.now();
        for (let i = from; i < from + n; i += 10) {
          const batch = Array.from({ length: 10 }, (_, j) => post(url, path, body(i + j)));
          for (const res of await Promise.all(batch)) expect(res.status).to.equal(201);
        }
        return n / ((performance.now() - t0) / 1000);
      };
      const cm = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bench-${i}`, labels: { bench: 'y' } }, data: { engine: 'postgres' } });
      const cr = (i: number) => ({
        ...database(`bench-${i}`, { engine: 'postgres', users: [{ name: 'app', roles: ['rw'] }], storage: { backups: { schedule: '@daily' } } }),
        metadata: { name: `bench-${i}`, labels: { bench: 'y' } },
      });
      // A warm-up of each first, so neither pays for the other's first requests.
      await rate('/api/v1/namespaces/default/configmaps', cm, 0, 20);
      await rate(dbs, cr, 0, 20);
      const cms = await rate('/api/v1/namespaces/default/configmaps', cm, 20, 200);
      const crs = await rate(dbs, cr, 20, 200);
      // Printed on purpose: the figures the issue asks for
      console.log(`      ${backend}: ${crs.toFixed(0)} CR creates/s vs ${cms.toFixed(0)} ConfigMap creates/s (200 each, 10 in flight)`);
      expect(crs).to.be.greaterThan(cms / 4);
      for (const path of [dbs, '/api/v1/namespaces/default/configmaps']) {
        expect((await fetch(`${url}${path}?labelSelector=bench%3Dy`, { method: 'DELETE' })).status).to.equal(200);
      }
      expect((await readJSON(await fetch(`${url}${dbs}?labelSelector=bench%3Dy`))).items).to.deep.equal([]);
    });

    it("field selectors use the CRD's selectableFields; other fields are refused as kube refuses them", async () => {
      const mysql = (await run(['get', 'databases', '--field-selector', 'spec.engine=mysql', '-o', 'name'])).trim().split('\n');
      expect(mysql).to.include('database.stable.example.com/orders').and.not.include('database.stable.example.com/first');
      const other = await kubectl(url, ['get', 'databases', '--field-selector', 'spec.version=8.0']);
      expect(other.code).to.equal(1);
      expect(other.stderr).to.include('field label not supported: spec.version');
    });

    it('deleting a namespace deletes its custom resources, then the namespace', async () => {
      await run(['create', 'namespace', 'shop']);
      await run(['create', '-n', 'shop', '-f', '-'], JSON.stringify(database('carts', { engine: 'postgres' })));
      await run(['delete', 'namespace', 'shop', '--wait=false']);
      await eventually(
        async () => {
          expect((await fetch(`${url}/api/v1/namespaces/shop`)).status).to.equal(404);
        },
        30_000,
        200,
      );
      expect((await fetch(`${url}/apis/${group}/v1/namespaces/shop/databases/carts`)).status).to.equal(404);
    });

    it('kubectl get all lists custom resources of the "all" category', async () => {
      expect(await run(['get', 'all'])).to.match(/database\.stable\.example\.com\/orders\s+mysql/);
    });

    it('after a restart the CRD is established again and its objects are served before the server is ready', async () => {
      kapi = await restart();
      url = kapi.url;
      const orders = JSON.parse(await run(['get', 'database', 'orders', '-o', 'json']));
      expect(orders.spec).to.deep.include({ engine: 'mysql', replicas: 5 });
      expect(orders.status.phase).to.equal('Ready');
    });

    it('a CRD whose custom resources hold a finalizer stays Terminating, refusing creates, until they are gone', async () => {
      expect((await post(url, crdPath, databaseCRD('caches', 'Cache'))).status).to.equal(201);
      const caches = `/apis/${group}/v1/namespaces/default/caches`;
      await eventually(async () => {
        const res = await post(url, caches, { ...database('pinned', { engine: 'mysql' }, 'v1', 'Cache'), metadata: { name: 'pinned', finalizers: ['example.com/keep'] } });
        if (res.status !== 201) throw new Error(`create: ${res.status}`);
      });
      await run(['delete', 'crd', `caches.${group}`, '--wait=false']);
      const terminating = await eventually(async () => {
        const crd = await readJSON(await fetch(`${url}${crdPath}/caches.${group}`));
        const t = crd.status.conditions.find((c: { type: string }) => c.type === 'Terminating');
        if (t?.status !== 'True') throw new Error('not terminating yet');
        return t;
      });
      expect(terminating).to.deep.include({ reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' });
      const refused = await post(url, caches, database('late', { engine: 'mysql' }, 'v1', 'Cache'));
      expect(refused.status).to.equal(405);
      expect((await readJSON(refused)).message).to.equal('create not allowed while custom resource definition is terminating');
      await run(['patch', 'cache', 'pinned', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
      await eventually(async () => {
        expect((await fetch(`${url}${crdPath}/caches.${group}`)).status).to.equal(404);
      }, 15_000);
    });

    it('deleting the CRD deletes its custom resources and its routes; discovery forgets the group', async () => {
      expect(JSON.parse(await run(['get', 'databases', '-o', 'json'])).items.length).to.be.greaterThan(1);
      await run(['delete', 'crd', `databases.${group}`]);
      expect((await kubectl(url, ['get', 'crd', `databases.${group}`])).stderr).to.include('not found');
      expect((await fetch(`${url}${dbs}`)).status).to.equal(404);
      const groups = (await readJSON(await fetch(`${url}/apis`))).groups.map((g: { name: string }) => g.name);
      expect(groups).to.not.include(group);
      // Recreated, the CRD starts empty: its objects went with it.
      expect((await post(url, crdPath, databaseCRD())).status).to.equal(201);
      const list = await eventually(async () => {
        const res = await fetch(`${url}${dbs}`);
        if (res.status !== 200) throw new Error(`list: ${res.status}`);
        return readJSON(res);
      });
      expect(list.items).to.deep.equal([]);
    });
  });
}

crdSuite('embedded', async () => {
  const data = tempDir('kapi-crd-');
  const args = ['--data-dir', data.dir];
  let kapi = await startKapi(args);
  return {
    kapi,
    restart: async () => {
      await kapi.stop();
      return (kapi = await startKapi(args));
    },
    stop: async () => {
      await kapi.stop();
      data.cleanup();
    },
  };
});

crdSuite('etcd3', async () => {
  const etcd: EtcdProcess = await startEtcd();
  const args = ['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint];
  let kapi = await startKapi(args);
  return {
    kapi,
    restart: async () => {
      await kapi.stop();
      return (kapi = await startKapi(args));
    },
    stop: async () => {
      await kapi.stop();
      await etcd.stop();
    },
  };
});
