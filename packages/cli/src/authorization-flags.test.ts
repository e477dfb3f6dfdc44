import { expect } from 'chai';
import { defaultAuthorizationOptions } from '@kapi/controlplane';
import { parseServerFlags, usage } from './flags';

describe('kapi server --authorization-* flags', () => {
  it('reads modes comma separated or repeated, in order, and the webhook settings', () => {
    const { options } = parseServerFlags([
      '--authorization-mode',
      'Node,RBAC',
      '--authorization-mode=Webhook',
      '--authorization-webhook-config-file',
      '/etc/kapi/authz.kubeconfig',
      '--authorization-webhook-version',
      'v1',
      '--authorization-webhook-cache-authorized-ttl',
      '1m',
      '--authorization-webhook-cache-unauthorized-ttl=5s',
    ]);
    expect(options.authorization).to.deep.equal({
      modes: ['Node', 'RBAC', 'Webhook'],
      webhookConfigFile: '/etc/kapi/authz.kubeconfig',
      webhookVersion: 'v1',
      webhookCacheAuthorizedTTLMs: 60_000,
      webhookCacheUnauthorizedTTLMs: 5_000,
    });
  });

  it("keeps kube's webhook defaults when not given", () => {
    expect(parseServerFlags([]).options.authorization).to.include({ webhookVersion: 'v1beta1', webhookCacheAuthorizedTTLMs: 300_000, webhookCacheUnauthorizedTTLMs: 30_000 });
  });

  it('refuses a bad TTL as a usage error, and --help lists the flags', () => {
    expect(() => parseServerFlags(['--authorization-webhook-cache-authorized-ttl', 'soon'])).to.throw('invalid duration "soon"');
    expect(usage()).to.include('--authorization-mode strings').and.include('--authorization-webhook-version string');
    // The usage states the default without loading the control plane; it must still be the control plane's.
    expect(usage()).to.include(`(default [${defaultAuthorizationOptions().modes.join(',')}])`);
  });
});
