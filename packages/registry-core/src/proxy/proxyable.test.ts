import { expect } from 'chai';
import { isStatusError } from '@kapi/apiserver-core';
import { formatIPBytes, parseIPSloppy } from '../validation/special-ip';
import { proxyableIP, resolveProxyableHost } from './proxyable';

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(isStatusError(err) && err.code, String(err)).to.equal(400);
    return (err as Error).message;
  }
  return undefined;
}

async function asyncRefusal(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    expect(isStatusError(err) && err.code, String(err)).to.equal(400);
    return (err as Error).message;
  }
  return undefined;
}

describe('proxyable addresses (proxyutil.IsProxyableIP / IsProxyableHostname)', () => {
  const refused = [
    '127.0.0.1',
    '127.1.2.3',
    '0.0.0.0',
    '0.1.2.3',
    '169.254.169.254',
    '169.254.0.1',
    '255.255.255.255',
    '224.0.0.1',
    '239.1.1.1',
    '::1',
    '::',
    '0:0:0:0:0:0:0:1',
    '0000:0000:0000:0000:0000:0000:0000:0001',
    'fe80::1',
    'febf::1',
    'ff02::1',
    'ff05::2',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::FFFF:169.254.169.254',
    '::ffff:0.0.0.0',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
    '::7f00:1',
    '::ffff:0:127.0.0.1',
    '64:ff9b::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::1',
    '2002:a9fe:a9fe::',
    // Not IP addresses to kube (ParseIPSloppy), whatever a resolver would make of them.
    '2130706433',
    '0x7f.1',
    '0x7f000001',
    '017700000001',
    '0177.0.0.1',
    '127.1',
    '127.0.1',
    'localhost',
    '',
    ' 10.0.0.1',
    '10.0.0.1 ',
    '[::1]',
    'fe80::1%eth0',
    '1.2.3.4.5',
    '256.1.1.1',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    'http://10.0.0.1',
  ];
  for (const ip of refused) {
    it(`refuses ${JSON.stringify(ip)} with "address not allowed"`, () => {
      expect(refusal(() => proxyableIP(ip))).to.equal('address not allowed');
    });
  }

  const allowed: [string, string][] = [
    ['10.0.0.1', '10.0.0.1'],
    ['192.168.1.1', '192.168.1.1'],
    ['8.8.8.8', '8.8.8.8'],
    ['010.001.002.003', '10.1.2.3'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['2001:db8::1', '2001:db8::1'],
    ['FD00:0:0:0:0:0:0:2', 'fd00::2'],
    ['64:ff9b::808:808', '64:ff9b::808:808'],
  ];
  for (const [ip, canonical] of allowed) {
    it(`lets ${ip} through as ${canonical}`, () => {
      expect(proxyableIP(ip)).to.equal(canonical);
    });
  }

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 2130706433, {}]) expect(refusal(() => proxyableIP(v))).to.equal('address not allowed');
  });

  it('formats parsed addresses as Go does', () => {
    expect(formatIPBytes(parseIPSloppy('2001:0db8:0000:0000:0001:0000:0000:0001')!)).to.equal('2001:db8::1:0:0:1');
    expect(formatIPBytes(parseIPSloppy('::ffff:1.2.3.4')!)).to.equal('1.2.3.4');
    expect(formatIPBytes(parseIPSloppy('1:2:3:4:5:6:1.2.3.4')!)).to.equal('1:2:3:4:5:6:102:304');
  });

  describe('host names are checked on what the resolver returns', () => {
    for (const host of ['localhost', '127.0.0.1', '2130706433', '0x7f.1', '0177.0.0.1', '127.1', '::1', '0.0.0.0', '169.254.169.254']) {
      it(`refuses ${host}`, async () => {
        expect(await asyncRefusal(resolveProxyableHost(host))).to.equal('address not allowed');
      });
    }

    it('resolves a global address to itself and reports an unknown name', async () => {
      expect(await resolveProxyableHost('10.1.2.3')).to.equal('10.1.2.3');
      expect(await asyncRefusal(resolveProxyableHost('no-such-node.invalid'))).to.equal('lookup no-such-node.invalid: no such host');
    });
  });
});
