import { expect } from 'chai';
import { beforeCreate } from '@kapi/apiserver-core';
import { invalidCauses } from '../testing/causes';
import { endpointsStrategy } from './strategy';

const ctx = { namespace: 'default' };

describe('endpoints strategy', () => {
  it('defaults port protocols and accepts real addresses', () => {
    const ep = { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80 }] }] };
    beforeCreate(endpointsStrategy, ctx, ep);
    expect(ep.subsets[0].ports[0]).to.deep.equal({ port: 80, protocol: 'TCP' });
    expect(endpointsStrategy.allowCreateOnUpdate()).to.equal(true);
  });

  it('refuses loopback and malformed addresses, bad ports and unnamed ports among several', () => {
    const causes = invalidCauses(() =>
      beforeCreate(endpointsStrategy, ctx, {
        metadata: { name: 'e' },
        subsets: [{ addresses: [{ ip: '127.0.0.1' }, { ip: 'nope' }], ports: [{ port: 0 }, { port: 81, name: 'b' }] }],
      }),
    );
    expect(causes).to.include('subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)');
    expect(causes).to.include('subsets[0].addresses[1].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
    expect(causes).to.include('subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
    expect(causes).to.include('subsets[0].ports[0].name: Required value');
  });

  it('refuses unspecified, loopback and link-local addresses in every notation kube parses, with its messages', () => {
    const causes = invalidCauses(() =>
      beforeCreate(endpointsStrategy, ctx, {
        metadata: { name: 'e' },
        subsets: [
          {
            addresses: ['0.0.0.0', '::', '::1', '::ffff:127.0.0.1', '169.254.169.254', 'fe80::1', '224.0.0.251', 'ff02::1', '0x7f.1'].map((ip) => ({ ip })),
            ports: [{ port: 80 }],
          },
        ],
      }),
    );
    const at = (i: number) => `subsets[0].addresses[${i}].ip: Invalid value: `;
    expect(causes).to.include(`${at(0)}"0.0.0.0": may not be unspecified (0.0.0.0)`);
    expect(causes).to.include(`${at(1)}"::": may not be unspecified (::)`);
    expect(causes).to.include(`${at(2)}"::1": may not be in the loopback range (127.0.0.0/8, ::1/128)`);
    expect(causes).to.include(`${at(3)}"::ffff:127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)`);
    expect(causes).to.include(`${at(4)}"169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)`);
    expect(causes).to.include(`${at(5)}"fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)`);
    expect(causes).to.include(`${at(6)}"224.0.0.251": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)`);
    expect(causes).to.include(`${at(7)}"ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)`);
    expect(causes).to.include(`${at(8)}"0x7f.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`);
    expect(causes).to.include(`${at(8)}"0x7f.1": must be a valid IP address`);
  });
});
