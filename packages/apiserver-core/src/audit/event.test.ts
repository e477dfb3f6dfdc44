import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { legacyLine } from './backend-log';
import { auditUserOf, formatMicroTime, prune, sourceIPsOf } from './event';
import type { Event } from './types';

function req(headers: Record<string, string>, remoteAddress: string): IncomingMessage {
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe('audit event fields', () => {
  it('MicroTime has six fractional digits in UTC', () => {
    expect(formatMicroTime(Date.UTC(2026, 11, 3, 7, 8, 9) * 1000 + 42)).to.equal('2026-12-03T07:08:09.000042Z');
    expect(formatMicroTime(Date.UTC(2026, 11, 3, 7, 8, 9, 123) * 1000 + 456)).to.equal('2026-12-03T07:08:09.123456Z');
  });

  it('sourceIPs: X-Forwarded-For, then X-Real-Ip if new, then the peer unless it is already last', () => {
    expect(sourceIPsOf(req({}, '::ffff:127.0.0.1'))).to.deep.equal(['127.0.0.1']);
    expect(sourceIPsOf(req({ 'x-forwarded-for': '1.1.1.1, junk, 2.2.2.2', 'x-real-ip': '1.1.1.1' }, '10.0.0.9'))).to.deep.equal(['1.1.1.1', '2.2.2.2', '10.0.0.9']);
    expect(sourceIPsOf(req({ 'x-real-ip': '3.3.3.3' }, '3.3.3.3'))).to.deep.equal(['3.3.3.3']);
    expect(sourceIPsOf(req({}, '::1'))).to.deep.equal(['::1']);
  });

  it('user: empty fields left out, as omitempty does', () => {
    expect(auditUserOf(undefined)).to.deep.equal({});
    expect(auditUserOf({ name: 'system:anonymous', groups: ['system:unauthenticated'], extra: {} })).to.deep.equal({
      username: 'system:anonymous',
      groups: ['system:unauthenticated'],
    });
    expect(auditUserOf({ name: 'a', uid: '1', groups: [], extra: { k: ['v'] } })).to.deep.equal({ username: 'a', uid: '1', extra: { k: ['v'] } });
  });

  it('omitManagedFields prunes objects, list items and Table rows without touching the original', () => {
    const obj = { metadata: { name: 'a', managedFields: [{}] }, data: { x: '1' } };
    expect(prune(obj, true)).to.deep.equal({ metadata: { name: 'a' }, data: { x: '1' } });
    expect(obj.metadata.managedFields).to.have.length(1);
    expect(prune({ kind: 'List', items: [obj] }, true)).to.deep.equal({ kind: 'List', items: [{ metadata: { name: 'a' }, data: { x: '1' } }] });
    expect(prune({ kind: 'Table', rows: [{ cells: [], object: obj }] }, true)).to.deep.equal({
      kind: 'Table',
      rows: [{ cells: [], object: { metadata: { name: 'a' }, data: { x: '1' } } }],
    });
    expect(prune(obj, false)).to.equal(obj);
  });

  it('the legacy format is kube\'s one line of key="value"', () => {
    const ev: Event = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: 'id1',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/default/pods',
      verb: 'list',
      user: { username: 'alice', groups: ['g1', 'g2'] },
      impersonatedUser: { username: 'bob' },
      sourceIPs: ['127.0.0.1'],
      userAgent: 'kubectl',
      objectRef: { resource: 'pods', namespace: 'default' },
      responseStatus: { metadata: {}, code: 200 },
      requestReceivedTimestamp: '2026-12-03T07:08:09.123400Z',
      stageTimestamp: '2026-12-03T07:08:09.200000Z',
    };
    expect(legacyLine(ev)).to.equal(
      '2026-12-03T07:08:09.1234Z AUDIT: id="id1" stage="ResponseComplete" ip="127.0.0.1" method="list" user="alice" ' +
        'groups="\\"g1\\",\\"g2\\"" as="bob" asgroups="<lookup>" user-agent="kubectl" namespace="default" uri="/api/v1/namespaces/default/pods" response="200"',
    );
    const bare = { ...ev, user: {}, impersonatedUser: undefined, objectRef: undefined, responseStatus: undefined, sourceIPs: undefined };
    expect(legacyLine(bare)).to.include('ip="<unknown>" method="list" user="<none>" groups="<none>" as="<self>" asgroups="<lookup>"');
    expect(legacyLine(bare)).to.match(/namespace="<none>" uri=".*" response="<deferred>"$/);
  });
});
