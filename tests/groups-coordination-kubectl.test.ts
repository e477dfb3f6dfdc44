import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';
import { call } from './rest-helpers';

const manifest = readFileSync(path.join(__dirname, 'fixtures', 'every-kind', 'coordination.yaml'), 'utf8');
const leases = '/apis/coordination.k8s.io/v1/namespaces/default/leases';

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}
interface Lease {
  apiVersion: string;
  kind: string;
  metadata: { name: string; resourceVersion?: string };
  spec: LeaseSpec;
}

/** metav1.MicroTime as client-go writes it. */
const microNow = () => new Date().toISOString().replace('Z', '000Z');

/**
 * One candidate of client-go's leader election over a LeaseLock, as plain HTTP: read the lease,
 * create it when absent, take it over when the holder let it expire, renew it when held — every
 * write carrying the resourceVersion it read, so a competing write loses with 409.
 */
class LeaseElector {
  constructor(
    private readonly base: string,
    private readonly name: string,
    readonly identity: string,
    private readonly durationSeconds = 1,
  ) {}

  /** tryAcquireOrRenew: true when this candidate holds the lease afterwards. */
  async tryAcquireOrRenew(read?: Lease): Promise<boolean> {
    const current = read ?? (await this.read());
    const now = microNow();
    if (!current) {
      const spec = { holderIdentity: this.identity, leaseDurationSeconds: this.durationSeconds, acquireTime: now, renewTime: now, leaseTransitions: 0 };
      const created = await call(this.base, 'POST', leases, { body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.name }, spec } });
      return created.status === 201;
    }
    const held = current.spec.holderIdentity;
    const expires = Date.parse(current.spec.renewTime ?? '') + (current.spec.leaseDurationSeconds ?? 0) * 1000;
    if (held && held !== this.identity && expires > Date.now()) return false;
    const mine = held === this.identity;
    const spec: LeaseSpec = {
      holderIdentity: this.identity,
      leaseDurationSeconds: this.durationSeconds,
      acquireTime: mine ? current.spec.acquireTime : now,
      renewTime: now,
      leaseTransitions: (current.spec.leaseTransitions ?? 0) + (mine ? 0 : 1),
    };
    const updated = await call(this.base, 'PUT', `${leases}/${this.name}`, { body: { ...current, spec } });
    return updated.status === 200;
  }

  async read(): Promise<Lease | undefined> {
    const res = await call<Lease>(this.base, 'GET', `${leases}/${this.name}`);
    return res.status === 404 ? undefined : res.body;
  }
}

/** coordination.k8s.io/v1 leases through kubectl, and leader election through the optimistic lock. */
describe('coordination.k8s.io/v1 through kubectl and competing leader electors', function () {
  this.timeout(90_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  it('lists leases in discovery as kube does', async () => {
    const out = await kubectlOk(server.url, ['api-resources', '--api-group=coordination.k8s.io', '--no-headers']);
    expect(out.trim().split(/\s+/)).to.deep.equal(['leases', 'coordination.k8s.io/v1', 'true', 'Lease']);
  });

  it('applies the manifest (client-side and server-side), prints NAME HOLDER AGE, diffs empty and deletes', async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    expect(await kubectlOk(server.url, ['get', 'lease', 'my-controller-leader'])).to.match(
      /^NAME\s+HOLDER\s+AGE\nmy-controller-leader\s+my-controller-6d5f7b8c9-abcde_7f3c\s+\d+s\n$/,
    );
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect([diff.code, diff.stdout]).to.deep.equal([0, '']);
    await kubectlOk(server.url, ['apply', '--server-side', '-f', '-'], { input: manifest });
    const ssaDiff = await kubectl(server.url, ['diff', '--server-side', '-f', '-'], { input: manifest });
    expect([ssaDiff.code, ssaDiff.stdout]).to.deep.equal([0, '']);
    const stored = JSON.parse(await kubectlOk(server.url, ['get', 'lease', 'my-controller-leader', '-o', 'json']));
    expect(stored.spec.renewTime).to.equal('2026-12-03T10:00:10.123456Z');
    const bad = await kubectl(server.url, ['patch', 'lease', 'my-controller-leader', '--type=merge', '-p', '{"spec":{"leaseDurationSeconds":0}}']);
    expect(bad.stderr).to.include('spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0');
    await kubectlOk(server.url, ['delete', '-f', '-'], { input: manifest });
    expect((await kubectl(server.url, ['get', '-f', '-'], { input: manifest })).stderr).to.include('NotFound');
  });

  it("refuses a MicroTime without six fractional digits with kube's 400 and stores nothing", async () => {
    const r = await kubectl(server.url, ['apply', '-f', '-'], {
      input: 'apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: sloppy}\nspec:\n  renewTime: "2026-12-03T10:00:00Z"\n',
    });
    expect(r.code).to.not.equal(0);
    expect(r.stderr).to.include(
      'Error from server (BadRequest): error when creating "STDIN": Lease in version "v1" cannot be handled as a Lease: ' +
        'parsing time "2026-12-03T10:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    );
    expect((await kubectl(server.url, ['get', 'lease', 'sloppy'])).stderr).to.include('NotFound');
  });

  it('a PUT needs the resourceVersion it read (422 without, 409 when stale); a PUT may create', async () => {
    const lease = (holderIdentity: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'put' }, spec: { holderIdentity } });
    const created = await call<Lease>(server.url, 'PUT', `${leases}/put`, { body: lease('a') });
    expect(created.status).to.equal(201);
    const unconditional = await call<{ message: string }>(server.url, 'PUT', `${leases}/put`, { body: lease('b') });
    expect(unconditional.status).to.equal(422);
    const rv = created.body.metadata.resourceVersion;
    expect((await call(server.url, 'PUT', `${leases}/put`, { body: { ...lease('b'), metadata: { name: 'put', resourceVersion: rv } } })).status).to.equal(200);
    const stale = await call<{ reason: string }>(server.url, 'PUT', `${leases}/put`, { body: { ...lease('c'), metadata: { name: 'put', resourceVersion: rv } } });
    expect([stale.status, stale.body.reason]).to.deep.equal([409, 'Conflict']);
  });

  it('two electors: one wins the create, a racing update from the same read loses with 409, and the lease moves only after it expires', async () => {
    const a = new LeaseElector(server.url, 'election', 'candidate-a');
    const b = new LeaseElector(server.url, 'election', 'candidate-b');
    const firstRound = await Promise.all([a.tryAcquireOrRenew(), b.tryAcquireOrRenew()]);
    expect(firstRound.filter(Boolean)).to.have.length(1);
    const [leader, follower] = firstRound[0] ? [a, b] : [b, a];
    expect((await leader.read())?.spec.holderIdentity).to.equal(leader.identity);

    // The follower cannot take a lease that is still fresh; the leader renews it.
    expect(await follower.tryAcquireOrRenew()).to.equal(false);
    expect(await leader.tryAcquireOrRenew()).to.equal(true);

    // Both act on the same read once the lease has expired: the optimistic lock lets exactly one through.
    await new Promise((r) => setTimeout(r, 1_200));
    const sameRead = await leader.read();
    const race = await Promise.all([leader.tryAcquireOrRenew(sameRead), follower.tryAcquireOrRenew(sameRead)]);
    expect(race.filter(Boolean)).to.have.length(1);

    // The leader stops renewing: after the duration the other candidate takes over and the transition is counted.
    const holder = (await a.read())!.spec.holderIdentity;
    const [stopped, waiting] = holder === a.identity ? [a, b] : [b, a];
    const before = (await stopped.read())!.spec;
    expect(await waiting.tryAcquireOrRenew()).to.equal(false);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await waiting.tryAcquireOrRenew()).to.equal(true);
    const after = (await waiting.read())!.spec;
    expect(after.holderIdentity).to.equal(waiting.identity);
    expect(after.leaseTransitions).to.equal((before.leaseTransitions ?? 0) + 1);
    expect(after.renewTime).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(await stopped.tryAcquireOrRenew()).to.equal(false);
  });

  it('--runtime-config coordination.k8s.io/v1=false removes the group', async () => {
    const off = await createTestServer({ runtimeConfig: { 'coordination.k8s.io/v1': 'false' } });
    try {
      const groups = JSON.parse(await kubectlOk(off.url, ['get', '--raw', '/apis'])).groups.map((g: { name: string }) => g.name);
      expect(groups).to.include('apps').and.not.include('coordination.k8s.io');
      expect((await fetch(`${off.url}${leases}`)).status).to.equal(404);
    } finally {
      await off.close();
    }
  });
});
