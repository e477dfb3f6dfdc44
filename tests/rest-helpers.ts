import { startKapi, type KapiProcess } from './support/kapi-process';
import { testPKI } from './support/test-pki';
import { ContainerModule } from 'inversify';
import {
  bumpGenerationOnSpecChange,
  defaultAttrs,
  DefaultStrategy,
  field,
  newVersionedGroupInfo,
  Path,
  RESTStorageProvider,
  Store,
  type APIResourceConfigSource,
  type Attrs,
  type ErrorList,
  type KObject,
  type RequestContext,
  type RESTOptionsGetter,
  bindService,
  RESTStorageProviderKey,
} from '@kapi/apiserver-core';
import { builtinGroupModules, createServerChain, defaultServerRunOptions, shutdownServerChain, type ServerChain, type ServerRunOptions } from '@kapi/controlplane';

/**
 * A resource that exists only for these tests, to show the handlers' semantics hold for any
 * resource a plugin installs: widgets.testing.kapi.dev/v1 — PUT may create (AllowCreateOnUpdate),
 * updates must carry a resourceVersion, spec changes bump generation, spec.color is a field label,
 * spec.size must not be negative, spec.legacy draws a warning, and names starting "slow-" take
 * 1.5 s to create (for timeouts and in-flight limits).
 */
class WidgetStrategy extends DefaultStrategy {
  readonly kind = { group: 'testing.kapi.dev', version: 'v1', kind: 'Widget' };
  namespaceScoped(): boolean {
    return true;
  }
  override allowCreateOnUpdate(): boolean {
    return true;
  }
  override allowUnconditionalUpdate(): boolean {
    return false;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    obj.metadata = { ...obj.metadata, generation: 1 };
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    bumpGenerationOnSpecChange(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    const size = (obj.spec as { size?: unknown } | undefined)?.size;
    if (size !== undefined && (typeof size !== 'number' || size < 0)) {
      return [field.invalid(Path.root('spec').child('size'), size, 'must be greater than or equal to 0')];
    }
    return [];
  }
  override validateUpdate(ctx: RequestContext, obj: KObject): ErrorList {
    return this.validate(ctx, obj);
  }
  warningsOnCreate(_ctx: RequestContext, obj: KObject): string[] {
    return (obj.spec as { legacy?: unknown } | undefined)?.legacy !== undefined ? ['spec.legacy is deprecated; use spec.size'] : [];
  }
}

function widgetAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields['spec.color'] = String((obj.spec as { color?: unknown } | undefined)?.color ?? '');
  return attrs;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class WidgetsProvider implements RESTStorageProvider {
  readonly groupName = 'testing.kapi.dev';
  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter) {
    const strategy = new WidgetStrategy();
    const resource = { group: 'testing.kapi.dev', resource: 'widgets' };
    return newVersionedGroupInfo(
      source,
      { group: 'testing.kapi.dev', version: 'v1' },
      {
        widgets: (g) =>
          new Store({
            newFunc: () => ({ apiVersion: 'testing.kapi.dev/v1', kind: 'Widget' }),
            newListFunc: () => ({ apiVersion: 'testing.kapi.dev/v1', kind: 'WidgetList', metadata: {}, items: [] }),
            defaultQualifiedResource: resource,
            singularQualifiedResource: { group: 'testing.kapi.dev', resource: 'widget' },
            createStrategy: strategy,
            updateStrategy: strategy,
            deleteStrategy: strategy,
            beginCreate: async (_ctx, obj) => {
              if (obj.metadata?.name?.startsWith('slow-')) await sleep(1500);
              return async () => undefined;
            },
          }).completeWithOptions({ restOptions: g.getRESTOptions(resource), attrFunc: widgetAttrs }),
      },
      getter,
    );
  }
}

export const widgetsModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).to(WidgetsProvider).inSingletonScope();
});

export interface TestServer {
  url: string;
  chain: ServerChain;
  stop(): Promise<void>;
}

/** The whole chain in this process (memory backend, built-in groups and widgets) on a free port. */
export async function startRestServer(overrides: Partial<ServerRunOptions> = {}): Promise<TestServer> {
  const pki = await testPKI();
  const opts: ServerRunOptions = {
    ...defaultServerRunOptions(),
    storageBackend: 'memory',
    logLevel: 'silent',
    tlsCertFile: pki.servingCertFile,
    tlsPrivateKeyFile: pki.servingKeyFile,
    clientCAFile: pki.caFile,
    ...overrides,
  };
  const chain = await createServerChain(opts, [...builtinGroupModules, widgetsModule]);
  const url = await chain.server.run('127.0.0.1', 0);
  return { url, chain, stop: () => shutdownServerChain(chain) };
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** One HTTP request; a JSON (or YAML) body is sent as given, the reply parsed when it is JSON. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Type'] = opts.contentType ?? 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

export function widget(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'testing.kapi.dev/v1', kind: 'Widget', metadata: { name, ...meta }, spec };
}

export function configMap(name: string, data: Record<string, string> = {}, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...meta }, data };
}

export { kubectl, kubectlOk, type KubectlResult } from './support/kubectl';
export type { KapiProcess } from './support/kapi-process';

/** `kapi server` as its own process from source, on a free port, on the memory backend; extra args go to `kapi server`. */
export function startKapiProcess(args: string[]): Promise<KapiProcess> {
  return startKapi(['--storage-backend', 'memory', ...args]);
}
