import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { interfaces } from 'inversify';
import { labelModule } from './module-labels';
import { PluginError } from './plugin-error';

/** A `--plugin` value, loaded: the ContainerModule to install and the file it came from. */
export interface LoadedPlugin {
  /** The value given to --plugin, as errors name it. */
  name: string;
  file: string;
  module: interfaces.ContainerModule;
}

/**
 * package.json of a plugin: `"kapi": "lib/widgets-module.js"` names its module file (as Theia's
 * `theiaExtensions` do); `"kapi": "./widgets-module"` names one of its `exports` subpaths, which
 * keeps export conditions working (kapi-source while developing, dist once built).
 */
interface PluginPackageJson {
  name?: string;
  exports?: unknown;
  kapi?: string | { module?: string };
}

/** Duck-typed, so a plugin built against another copy of inversify still loads. */
export function isContainerModule(value: unknown): value is interfaces.ContainerModule {
  const v = value as { id?: unknown; registry?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'number' && typeof v.registry === 'function';
}

/** ./x, ../x, /abs/x, or a relative path that exists; anything else is an npm package name (@scope/name included). */
const isPathLike = (spec: string, cwd: string) =>
  spec.startsWith('.') || path.isAbsolute(spec) || (spec.includes('/') && !spec.startsWith('@') && existsSync(path.resolve(cwd, spec)));

function readPackageJson(dir: string): PluginPackageJson | undefined {
  const file = path.join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PluginPackageJson) : undefined;
}

function kapiField(pkg: PluginPackageJson | undefined): string | undefined {
  const field = pkg?.kapi;
  return typeof field === 'string' ? field : field?.module;
}

/**
 * The file a package's "kapi" field names: an exports subpath, resolved by the package's own name
 * from inside it (Node's self-reference, so export conditions apply), else a path in the package.
 */
function resolveKapiField(pkgDir: string, pkg: PluginPackageJson, field: string): string {
  const self = createRequire(path.join(pkgDir, 'package.json'));
  const exportsMap = pkg.exports;
  if (pkg.name && typeof exportsMap === 'object' && exportsMap !== null && field in exportsMap) {
    return self.resolve(`${pkg.name}/${field.replace(/^\.\//, '')}`);
  }
  return self.resolve(path.resolve(pkgDir, field));
}

/**
 * Where a --plugin value points: a path (file, or directory holding a package) relative to `cwd`,
 * or an npm package resolved from `cwd` (then from kapi's own install). A package names its
 * module file with a `kapi` field; without one its main entry (its `exports`) is loaded.
 */
export function resolvePlugin(spec: string, cwd: string): string {
  const req = createRequire(path.join(cwd, 'noop.js'));
  const paths = [cwd, __dirname];
  if (isPathLike(spec, cwd)) {
    const abs = path.resolve(cwd, spec);
    if (!existsSync(abs)) throw new PluginError(spec, `no such file or directory: ${abs}`);
    if (statSync(abs).isDirectory()) {
      const pkg = readPackageJson(abs);
      const field = kapiField(pkg);
      return field ? resolveKapiField(abs, pkg!, field) : req.resolve(abs);
    }
    return abs;
  }
  let pkgDir: string | undefined;
  try {
    pkgDir = path.dirname(req.resolve(`${spec}/package.json`, { paths }));
  } catch {
    // A package that does not export its package.json: fall back to its entry point below.
  }
  const pkg = pkgDir ? readPackageJson(pkgDir) : undefined;
  const field = kapiField(pkg);
  try {
    return field ? resolveKapiField(pkgDir!, pkg!, field) : req.resolve(spec, { paths });
  } catch (err) {
    throw new PluginError(spec, `cannot find the module: ${(err as Error).message.split('\n')[0]}`);
  }
}

/**
 * Loads one --plugin: requires its module file (CommonJS, or ESM through require(esm)) and takes
 * its ContainerModule — the default export, or the module itself. Anything else is a PluginError
 * naming the plugin.
 */
export function loadPlugin(spec: string, cwd = process.cwd()): LoadedPlugin {
  const file = resolvePlugin(spec, cwd);
  let exported: unknown;
  try {
    exported = createRequire(path.join(cwd, 'noop.js'))(file);
  } catch (err) {
    throw new PluginError(spec, `failed to load ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  const candidates = [(exported as { default?: unknown } | null)?.default, exported];
  const module = candidates.find(isContainerModule);
  if (!module) {
    throw new PluginError(spec, `${file} exports no ContainerModule (expected a default export, or a "kapi" field in package.json naming the module file)`);
  }
  labelModule(module, spec);
  return { name: spec, file, module };
}

/** Loads every --plugin in order; the first bad one stops start-up, and so does one module named twice. */
export function loadPlugins(specs: string[], cwd = process.cwd()): LoadedPlugin[] {
  const byFile = new Map<string, string>();
  return specs.map((spec) => {
    const file = resolvePlugin(spec, cwd);
    const earlier = byFile.get(file);
    if (earlier !== undefined) throw new PluginError(spec, `is the same module as plugin ${JSON.stringify(earlier)} (${file})`);
    byFile.set(file, spec);
    return loadPlugin(spec, cwd);
  });
}
