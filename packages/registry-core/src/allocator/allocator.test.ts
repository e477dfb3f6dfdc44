import { expect } from 'chai';
import { storage, type StorageInterface } from '@kapi/apiserver-core';
import { IPAllocator, parseCIDR } from './ip-allocator';
import { PortAllocator } from './port-allocator';
import { AllocatorError } from './range-allocation';

async function newStorage(): Promise<{ s: StorageInterface; destroy: () => Promise<void> }> {
  const backend = await storage.newMemoryBackend({ type: 'memory', prefix: '/registry' });
  const s = backend.create({ type: 'memory', prefix: '/registry', backend, groupResource: { group: '', resource: 'serviceipallocations' } });
  return { s, destroy: () => backend.destroy() };
}

describe('service allocators', () => {
  it('parses CIDRs to their network and renders IPv6 compressed', () => {
    expect(parseCIDR('10.0.0.7/24').text).to.equal('10.0.0.0/24');
    expect(parseCIDR('fd00::5/112').text).to.equal('fd00::/112');
    expect(() => parseCIDR('10.0.0.0/33')).to.throw('invalid CIDR');
  });

  it('hands out every usable address of a /29 once, then reports the range full, and reuses a released one', async () => {
    const { s, destroy } = await newStorage();
    const a = new IPAllocator(s, '/ranges/serviceips', '10.0.0.0/29');
    expect(a.size).to.equal(6);
    const got = new Set<string>();
    for (let i = 0; i < 6; i++) got.add(await a.allocateNext());
    expect([...got].sort()).to.deep.equal(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    const full = await a.allocateNext().catch((e: unknown) => e);
    expect(full).to.be.instanceOf(AllocatorError).with.property('message', 'range is full');
    await a.release('10.0.0.4');
    expect(await a.allocateNext()).to.equal('10.0.0.4');
    await destroy();
  });

  it('refuses an address already allocated or outside the range with kube-apiserver texts', async () => {
    const { s, destroy } = await newStorage();
    const a = new IPAllocator(s, '/ranges/serviceips', '10.0.0.0/24');
    await a.allocate('10.0.0.10');
    expect(await a.allocate('10.0.0.10').catch((e: Error) => e.message)).to.equal('provided IP is already allocated');
    expect(await a.allocate('10.1.0.10').catch((e: Error) => e.message)).to.equal('the provided IP (10.1.0.10) is not in the valid range. The range of valid IPs is 10.0.0.0/24');
    expect(await a.allocate('10.0.0.255').catch((e: Error) => (e as AllocatorError).code)).to.equal('NotInRange');
    await destroy();
  });

  it('keeps its state only in storage: a new allocator on the same key sees earlier allocations (restart)', async () => {
    const { s, destroy } = await newStorage();
    const first = new IPAllocator(s, '/ranges/serviceips', '10.0.0.0/24');
    const ip = await first.allocateNext();
    const second = new IPAllocator(s, '/ranges/serviceips', '10.0.0.0/24');
    expect(await second.has(ip)).to.equal(true);
    expect(await second.free()).to.equal(253);
    const stored = await s.get('/ranges/serviceips', {});
    expect(stored).to.include({ kind: 'RangeAllocation', range: '10.0.0.0/24' });
    await destroy();
  });

  it('never gives the same port to concurrent allocations', async () => {
    const { s, destroy } = await newStorage();
    const ports = new PortAllocator(s, '/ranges/servicenodeports', '30000-30099');
    const got = await Promise.all(Array.from({ length: 100 }, () => ports.allocateNext()));
    expect(new Set(got).size).to.equal(100);
    expect(await ports.allocateNext().catch((e: Error) => e.message)).to.equal('range is full');
    expect(await ports.allocate(80).catch((e: Error) => e.message)).to.equal('provided port is not in the valid range. The range of valid ports is 30000-30099');
    await destroy();
  });

  it('prefers the upper band for dynamic allocation so static choices stay free', async () => {
    const { s, destroy } = await newStorage();
    const a = new IPAllocator(s, '/ranges/serviceips', '10.0.0.0/24');
    for (let i = 0; i < 50; i++) expect(a.offsetOf(await a.allocateNext())).to.be.at.least(16);
    await destroy();
  });
});
