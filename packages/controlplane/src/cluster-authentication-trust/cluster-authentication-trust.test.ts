import { expect } from 'chai';
import { authenticationInfoFrom, combine, combineCertificates, configMapDataFor } from './cluster-authentication-trust';

const cert = (n: string) => `-----BEGIN CERTIFICATE-----\n${n}\n-----END CERTIFICATE-----`;

describe('cluster authentication trust: kube-system/extension-apiserver-authentication', () => {
  it('writes the client CA alone when no front-proxy CA is trusted', () => {
    expect(configMapDataFor({ clientCA: `${cert('A')}\n`, requestHeaderUsernameHeaders: ['X-Remote-User'] })).to.deep.equal({ 'client-ca-file': `${cert('A')}\n` });
  });

  it('writes the request-header keys as JSON lists with the front-proxy CA', () => {
    const data = configMapDataFor({
      clientCA: `${cert('A')}\n`,
      requestHeaderCA: `${cert('F')}\n`,
      requestHeaderAllowedNames: ['front-proxy-client'],
      requestHeaderUsernameHeaders: ['X-Remote-User'],
      requestHeaderGroupHeaders: ['X-Remote-Group'],
      requestHeaderExtraHeaderPrefixes: ['X-Remote-Extra-'],
    });
    expect(data).to.deep.equal({
      'client-ca-file': `${cert('A')}\n`,
      'requestheader-client-ca-file': `${cert('F')}\n`,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-username-headers': '["X-Remote-User"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
    });
    expect(authenticationInfoFrom(data).requestHeaderAllowedNames).to.deep.equal(['front-proxy-client']);
  });

  it('combines with what another API server published: certificates and names once each', () => {
    expect(combineCertificates(`${cert('A')}\n${cert('B')}\n`, `${cert('B')}\n${cert('C')}`)).to.equal(`${cert('A')}\n${cert('B')}\n${cert('C')}\n`);
    const merged = combine({ requestHeaderUsernameHeaders: ['X-Remote-User'] }, { requestHeaderUsernameHeaders: ['X-Remote-User', 'X-User'] });
    expect(merged.requestHeaderUsernameHeaders).to.deep.equal(['X-Remote-User', 'X-User']);
  });
});
