import { expect } from 'chai';
import { proxiedRequestHeaders } from './remote-headers';

describe('proxiedRequestHeaders', () => {
  it('drops credentials, impersonation and forged identity headers, and sends the authenticated user', () => {
    const out = proxiedRequestHeaders(
      {
        authorization: 'Bearer secret',
        'impersonate-user': 'root',
        'x-remote-user': 'forged',
        'x-remote-group': 'system:masters',
        connection: 'keep-alive',
        accept: 'application/json',
        'content-type': 'application/json',
      },
      { name: 'alice', uid: '42', groups: ['devs', 'system:authenticated'], extra: { 'scopes.example/x y': ['a', 'b'] } },
    );
    expect(out).to.deep.equal({
      accept: 'application/json',
      'content-type': 'application/json',
      'x-remote-user': 'alice',
      'x-remote-uid': '42',
      'x-remote-group': ['devs', 'system:authenticated'],
      'x-remote-extra-scopes.example%2Fx%20y': ['a', 'b'],
    });
  });
});
