import path from 'node:path';
import { expect } from 'chai';
import { defaultServerRunOptions } from '../options';
import { builtinGroupModules, createServerChain, shutdownServerChain } from '../server-chain';
import { loadPlugin, loadPlugins } from './load-plugin';
import { PluginError } from './plugin-error';

const testdata = path.join(__dirname, 'testdata');
const memory = () => ({ ...defaultServerRunOptions(), storageBackend: 'memory' });

async function startupError(plugins: string[]): Promise<Error> {
  try {
    const chain = await createServerChain(memory(), [...builtinGroupModules, ...loadPlugins(plugins, testdata).map((p) => p.module)]);
    await shutdownServerChain(chain);
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected start-up to fail');
}

describe('--plugin loading', () => {
  it('finds a package directory\'s module through its "kapi" field and takes the default export', () => {
    const plugin = loadPlugin('./kapi-field', testdata);
    expect(plugin.file).to.equal(path.join(testdata, 'kapi-field/lib/fixture-module.js'));
    expect(plugin.module.registry).to.be.a('function');
  });

  it('loads an ES module plugin and takes its default export', async () => {
    const plugin = loadPlugin('./esm/plugin.mjs', testdata);
    const chain = await createServerChain(memory(), [...builtinGroupModules, plugin.module]);
    try {
      // The group is empty, so nothing is served; that its provider was resolved is what counts.
      expect(chain.container.getAll<{ groupName: string }>(Symbol.for('kapi.RESTStorageProvider')).map((p) => p.groupName)).to.include('esm.example.dev');
    } finally {
      await shutdownServerChain(chain);
    }
  });

  it('installs a loaded plugin next to the built-in groups', async () => {
    const chain = await createServerChain(memory(), [...builtinGroupModules, loadPlugin(path.join(testdata, 'kapi-field')).module]);
    await shutdownServerChain(chain);
  });

  it('names the plugin that exports no ContainerModule', async () => {
    const err = await startupError(['./no-export']);
    expect(err).to.be.instanceOf(PluginError);
    expect(err.message).to.match(/^plugin "\.\/no-export": .*no-export\/index\.js exports no ContainerModule \(expected a default export/);
  });

  it('names the plugin that throws while loading, and one whose module throws in the container', async () => {
    expect((await startupError(['./throws'])).message).to.match(/^plugin "\.\/throws": failed to load .*throws\/index\.js: plugin exploded$/);
    expect((await startupError(['./registry-throws'])).message).to.equal('plugin "./registry-throws": failed to load its ContainerModule: cannot bind today');
  });

  it('names the plugin whose provider fails to build its storage, with the group', async () => {
    expect((await startupError(['./storage-throws'])).message).to.equal('problem initializing API group "broken.example.dev": plugin "./storage-throws": no storage for you');
  });

  it('names a plugin that is not there', async () => {
    expect((await startupError(['./missing'])).message).to.match(/^plugin "\.\/missing": no such file or directory: /);
    expect((await startupError(['@kapi/no-such-plugin'])).message).to.match(/^plugin "@kapi\/no-such-plugin": cannot find the module: Cannot find module/);
  });

  it('refuses a plugin serving a group that is already installed, naming both', async () => {
    expect((await startupError(['./apps-clash'])).message).to.equal('plugin "./apps-clash": API group "apps" is already installed by a built-in group module');
    expect((await startupError(['./kapi-field', `${testdata}/kapi-field`])).message).to.equal(
      `plugin "${testdata}/kapi-field": is the same module as plugin "./kapi-field" (${testdata}/kapi-field/lib/fixture-module.js)`,
    );
  });
});
