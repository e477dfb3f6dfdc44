import { expect } from 'chai';
import type { RequestContext } from '../rest/context';
import type { Attributes } from './attributes';
import { handlesOperations, type MutationInterface, type ValidationInterface } from './interfaces';
import { enabledPlugins, newAdmissionChain, orderPlugins, validateAdmissionOptions, type PluginOrder } from './options';
import type { AdmissionPlugin } from './plugin';

const order: PluginOrder = { recommended: ['First', 'Second', 'Webhook', 'Last'], insertUnknownBefore: 'Webhook' };

/** A plugin recording, in `calls`, each admit and validate it sees. */
function recording(name: string, calls: string[], extra: Partial<AdmissionPlugin> = {}): AdmissionPlugin {
  const plugin: MutationInterface & ValidationInterface = {
    handles: handlesOperations('CREATE'),
    admit: async () => {
      calls.push(`admit ${name}`);
    },
    validate: async () => {
      calls.push(`validate ${name}`);
    },
  };
  return { name, newPlugin: () => plugin, ...extra };
}

const attrs = (operation: Attributes['operation']): Attributes => ({
  name: 'n',
  namespace: 'ns',
  resource: { group: '', version: 'v1', resource: 'configmaps' },
  subresource: '',
  operation,
  dryRun: false,
  kind: { group: '', version: 'v1', kind: 'ConfigMap' },
});

describe('admission options', () => {
  it('orders registered plugins as kube recommends, whatever the registration order; unknown ones before the webhooks', () => {
    const calls: string[] = [];
    const names = orderPlugins(
      ['Last', 'ThirdParty', 'Second', 'First'].map((n) => recording(n, calls)),
      order,
    ).map((p) => p.name);
    expect(names).to.deep.equal(['First', 'Second', 'ThirdParty', 'Last']);
  });

  it('a default-off plugin runs only when enabled; a disabled one never', () => {
    const calls: string[] = [];
    const plugins = [recording('First', calls), recording('Second', calls, { defaultOff: true }), recording('Last', calls)];
    expect(enabledPlugins(plugins, { enablePlugins: [], disablePlugins: ['Last'] }).map((p) => p.name)).to.deep.equal(['First']);
    expect(enabledPlugins(plugins, { enablePlugins: ['Second'], disablePlugins: [] }).map((p) => p.name)).to.deep.equal(['First', 'Second', 'Last']);
  });

  it("reports unknown and overlapping names with kube-apiserver's messages", () => {
    const plugins = [recording('First', [])];
    expect(validateAdmissionOptions({ enablePlugins: ['Nope', 'First'], disablePlugins: ['Gone', 'First'] }, plugins)).to.deep.equal([
      'enable-admission-plugins plugin "Nope" is unknown',
      'disable-admission-plugins plugin "Gone" is unknown',
      '[First] in enable-admission-plugins and disable-admission-plugins overlapped',
    ]);
  });

  it('a plugin of the order that is not registered may be disabled, not enabled', () => {
    const plugins = [recording('First', [])];
    expect(validateAdmissionOptions({ enablePlugins: [], disablePlugins: ['Second'] }, plugins, order.recommended)).to.deep.equal([]);
    expect(validateAdmissionOptions({ enablePlugins: ['Second'], disablePlugins: [] }, plugins, order.recommended)).to.deep.equal([
      'enable-admission-plugins plugin "Second" is unknown',
    ]);
  });

  it('the chain runs every mutating plugin in order, then (separately) every validating one, only for handled operations', async () => {
    const calls: string[] = [];
    const chain = await newAdmissionChain({ enablePlugins: [], disablePlugins: [] }, [recording('Second', calls), recording('First', calls)], order, []);
    const ctx: RequestContext = {};
    await chain.admit(ctx, attrs('CREATE'));
    await chain.validate(ctx, attrs('CREATE'));
    await chain.admit(ctx, attrs('DELETE'));
    expect(calls).to.deep.equal(['admit First', 'admit Second', 'validate First', 'validate Second']);
    expect(chain.handles('DELETE')).to.equal(false);
  });

  it('a plugin that fails to build names itself', async () => {
    const broken: AdmissionPlugin = {
      name: 'Broken',
      newPlugin: () => {
        throw new Error('bad config');
      },
    };
    let err: Error | undefined;
    await newAdmissionChain({ enablePlugins: [], disablePlugins: [] }, [broken], order, []).catch((e: Error) => (err = e));
    expect(err?.message).to.equal('failed to initialize admission plugin "Broken": bad config');
  });
});
