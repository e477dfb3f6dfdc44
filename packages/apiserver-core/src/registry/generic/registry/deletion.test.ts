import { expect } from 'chai';
import { DefaultStrategy } from '../../../rest/default-strategy';
import type { KObject } from '../../../runtime/object';
import { beforeDelete, finalizersForGarbageCollection, markAsDeleting, shouldDeleteDuringUpdate } from './deletion';

class Graceful extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'Pod' };
  namespaceScoped(): boolean {
    return true;
  }
  override checkGracefulDelete(_ctx: unknown, _obj: KObject, opts: { gracePeriodSeconds?: number }): boolean {
    opts.gracePeriodSeconds ??= 30;
    return true;
  }
}

describe('Store deletion rules', () => {
  it("GC finalizers follow propagationPolicy, orphanDependents and the object's own", () => {
    const obj: KObject = { metadata: { finalizers: ['a'] } };
    expect(finalizersForGarbageCollection(false, obj, { propagationPolicy: 'Orphan' })).to.equal(undefined);
    expect(finalizersForGarbageCollection(true, obj, { propagationPolicy: 'Orphan' })).to.deep.equal(['a', 'orphan']);
    expect(finalizersForGarbageCollection(true, obj, { propagationPolicy: 'Foreground' })).to.deep.equal(['a', 'foregroundDeletion']);
    expect(finalizersForGarbageCollection(true, obj, { orphanDependents: true })).to.deep.equal(['a', 'orphan']);
    expect(finalizersForGarbageCollection(true, obj, {})).to.equal(undefined);
    const orphaning: KObject = { metadata: { finalizers: ['orphan'] } };
    expect(finalizersForGarbageCollection(true, orphaning, {})).to.equal(undefined);
    expect(finalizersForGarbageCollection(true, orphaning, { propagationPolicy: 'Background' })).to.deep.equal([]);
  });

  it("a kind's default policy applies when neither the options nor the finalizers decide", () => {
    const obj: KObject = { metadata: {} };
    expect(finalizersForGarbageCollection(true, obj, {}, 'OrphanDependents')).to.deep.equal(['orphan']);
    expect(finalizersForGarbageCollection(true, obj, { propagationPolicy: 'Background' }, 'OrphanDependents')).to.equal(undefined);
    expect(finalizersForGarbageCollection(true, { metadata: { finalizers: ['foregroundDeletion'] } }, {}, 'OrphanDependents')).to.equal(undefined);
    expect(finalizersForGarbageCollection(true, obj, { propagationPolicy: 'Orphan' }, 'Unsupported')).to.equal(undefined);
  });

  it('markAsDeleting keeps an earlier deletionTimestamp, zeroes the grace period and bumps generation once', () => {
    const obj: KObject = { metadata: { generation: 2 } };
    markAsDeleting(obj, Date.parse('2026-01-01T00:00:10Z'));
    expect(obj.metadata).to.deep.equal({ generation: 3, deletionTimestamp: '2026-01-01T00:00:10Z', deletionGracePeriodSeconds: 0 });
    markAsDeleting(obj, Date.parse('2026-01-01T00:01:00Z'));
    expect(obj.metadata).to.deep.equal({ generation: 3, deletionTimestamp: '2026-01-01T00:00:10Z', deletionGracePeriodSeconds: 0 });
  });

  it('an update removes the object only when it empties the finalizers of a deletion without grace period', () => {
    const deleting: KObject = { metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' as never, deletionGracePeriodSeconds: 0, finalizers: ['x'] } };
    expect(shouldDeleteDuringUpdate({ metadata: {} }, deleting)).to.equal(true);
    expect(shouldDeleteDuringUpdate({ metadata: { finalizers: ['x'] } }, deleting)).to.equal(false);
    expect(shouldDeleteDuringUpdate({ metadata: {} }, { metadata: { finalizers: ['x'] } })).to.equal(false);
    const graceful: KObject = { metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' as never, deletionGracePeriodSeconds: 30 } };
    expect(shouldDeleteDuringUpdate({ metadata: {} }, graceful)).to.equal(false);
  });

  it('graceful deletion sets a future deletionTimestamp; a later delete may only shorten it', () => {
    const strategy = new Graceful();
    const obj: KObject = { metadata: { name: 'p', uid: 'u' } };
    expect(beforeDelete(strategy, strategy.kind, {}, obj, {})).to.deep.equal({ graceful: true, pending: false });
    expect(obj.metadata!.deletionGracePeriodSeconds).to.equal(30);
    expect(beforeDelete(strategy, strategy.kind, {}, obj, { gracePeriodSeconds: 60 })).to.deep.equal({ graceful: false, pending: true });
    expect(beforeDelete(strategy, strategy.kind, {}, obj, { gracePeriodSeconds: 5 })).to.deep.equal({ graceful: true, pending: false });
    expect(obj.metadata!.deletionGracePeriodSeconds).to.equal(5);
  });

  it('a UID precondition that does not match is a Conflict naming the kind', () => {
    const strategy = new Graceful();
    expect(() => beforeDelete(strategy, strategy.kind, {}, { metadata: { name: 'p', uid: 'u' } }, { preconditions: { uid: 'v' } })).to.throw(
      'Operation cannot be fulfilled on Pod "p": Precondition failed: UID in precondition: v, UID in object meta: u',
    );
  });
});
