import { expect } from 'chai';
import { parseServerFlags, UsageError } from './flags';

describe('encryption flags', () => {
  it('takes the config file and a bare or valued automatic-reload flag, as pflag does', () => {
    expect(parseServerFlags([]).options).to.include({ encryptionProviderConfig: undefined, encryptionProviderConfigAutomaticReload: false });
    const bare = parseServerFlags(['--encryption-provider-config', '/etc/enc.yaml', '--encryption-provider-config-automatic-reload']).options;
    expect(bare).to.include({ encryptionProviderConfig: '/etc/enc.yaml', encryptionProviderConfigAutomaticReload: true });
    const off = parseServerFlags(['--encryption-provider-config=/etc/enc.yaml', '--encryption-provider-config-automatic-reload=false']).options;
    expect(off.encryptionProviderConfigAutomaticReload).to.equal(false);
  });

  it("refuses automatic reload without a config file, with kube-apiserver's message", () => {
    expect(() => parseServerFlags(['--encryption-provider-config-automatic-reload'])).to.throw(
      UsageError,
      '--encryption-provider-config-automatic-reload must be set with --encryption-provider-config',
    );
  });
});
