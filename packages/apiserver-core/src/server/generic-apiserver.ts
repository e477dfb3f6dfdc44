import type { AddressInfo, Socket } from 'node:net';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import pino, { type Logger } from 'pino';
import { StatusError } from '../api/errors';
import { installAggregatedDiscovery } from '../endpoints/discovery/aggregated';
import { DiscoveryState, installDiscovery } from '../endpoints/discovery/discovery';
import { watchesOf } from '../endpoints/handlers/watch';
import { writeError, writeObject } from '../endpoints/handlers/response';
import { APIInstaller } from '../endpoints/installer';
import { installOpenAPI } from '../openapi/install';
import { APIServerMetrics } from '../metrics/apiserver-metrics';
import type { Storage } from '../rest/interfaces';
import { SchemaRegistry } from '../schema/schema-registry';
import { groupNameOf, type APIGroupInfo } from './api-group-info';
import { installHealthChecks, type HealthCheck } from './healthz';
import { versionInfo } from './version';
import { chainHandlers, emptyDelegate, type DelegationTarget, type Hook } from './delegation-target';
import { withAuditId } from './filters/audit-id';
import { withHTTPLogging } from './filters/http-log';
import { byResource, resourcePathsOf } from './group-version-path';
import { withMaxInFlightLimit } from './filters/max-in-flight';
import { withRequestTimeout } from './filters/timeout';
import { withAuthentication, type AuthenticationOptions } from './filters/authentication';
import { withAuthorization } from './filters/authorization';
import type { Authorizer } from '../authorization/authorizer';
import type { AdmissionInterface } from '../admission/interfaces';
import { withAudit, withFailedAuthenticationAudit, type AuditConfig } from './filters/audit';
import { alwaysAllowAuthorizer } from '../authorization/always';
import { withImpersonation } from './filters/impersonation';
import { insecureSuperuser } from '../authentication/request/insecure-superuser';
import { createSecureServer, type SecureServingInfo } from './secure-serving';
import { closeConnections, listen, stopListening, urlOf } from './listener';
import { endWatches, GracefulTermination, type ShutdownOptions } from './graceful-termination';
import { applyHTTPServerLimits, httpServerLimitsFromEnv, httpServerOptions, type HTTPServerLimits } from './http-limits';
import { serveUpgrades } from './upgrade';

export interface GenericAPIServerOptions extends ShutdownOptions {
  /** --max-request-body-bytes; kube-apiserver's default is 3 MiB. */
  maxRequestBodyBytes?: number;
  /** --max-requests-inflight: concurrent read-only requests (default 400, 0 = unlimited). */
  maxRequestsInFlight?: number;
  /** --max-mutating-requests-inflight: concurrent writes (default 200, 0 = unlimited). */
  maxMutatingRequestsInFlight?: number;
  /** --request-timeout in milliseconds for non-watch requests (default 60 s). */
  requestTimeoutMs?: number;
  /** --min-request-timeout in seconds: watches without timeoutSeconds end after a random 1–2 times it (default 1800). */
  minRequestTimeoutSeconds?: number;
  /** Level of the request log and server logger (pino levels; "silent" turns it off). */
  logLevel?: string;
  /** A logger to use instead of a new pino logger on stdout. */
  logger?: Logger;
  /** Config.Authentication: without it every request is anonymous-and-trusted (in-process tests only). */
  authentication?: AuthenticationOptions;
  /** Config.AdmissionControl: the chain every write passes; without it nothing is admitted. */
  admission?: AdmissionInterface;
  /** Config.Authorization: without it every request is allowed. */
  authorizer?: Authorizer;
  /** Config.AuditPolicyRuleEvaluator + AuditBackend (--audit-policy-file and a backend): without it nothing is audited. */
  audit?: AuditConfig;
  /** SecureServingInfo: run() serves HTTPS with it; without it, plain HTTP (in-process tests only). */
  secureServing?: SecureServingInfo;
  /**
   * The insecure port (--port, 0 or unset = off), beside the secure one: plain HTTP on 127.0.0.1
   * only, as kube's removed --insecure-port with its loopback --insecure-bind-address default; its
   * requests are system:unsecured in system:masters.
   */
  insecurePort?: number;
  /** The HTTP server's header, idle and header-size limits (default: kube's, or KAPI_READ_HEADER_TIMEOUT / KAPI_IDLE_TIMEOUT). */
  httpServerLimits?: HTTPServerLimits;
  /** The next link of the server chain: requests this server does not route go there (default: NotFound). */
  delegationTarget?: DelegationTarget;
  /**
   * Discovery and schemas shared by the links of one chain. kube merges the links' discovery in the
   * aggregator; kapi has no aggregator yet, so the links publish into one state.
   */
  discovery?: DiscoveryState;
  schemas?: SchemaRegistry;
  /**
   * Filters innermost in the chain, after authorization and the request timeout (kube's
   * Config.BuildHandlerChainFunc wrapping DefaultBuildHandlerChain): only an embedding program sets
   * them (the @kapi/testing kit's fault injection); `kapi server` has no flag for it.
   */
  innerFilters?: Middleware[];
}

/** Logs stay quiet under mocha unless KAPI_LOG_LEVEL says otherwise. */
function defaultLogLevel(): string {
  if (process.env.KAPI_LOG_LEVEL) return process.env.KAPI_LOG_LEVEL;
  return typeof (globalThis as { describe?: unknown }).describe === 'function' ? 'silent' : 'info';
}

/**
 * genericapiserver.GenericAPIServer on koa: installs API groups through the APIInstaller, serves
 * discovery, health and version, runs post-start hooks, and shuts down gracefully.
 */
export class GenericAPIServer implements DelegationTarget {
  readonly app = new Koa();
  readonly router = new Router();
  /** The resource routes of each installed group-version, by its path ("/api/v1", "/apis/apps/v1"). */
  private readonly resourceRouters = new Map<string, Router>();
  readonly discovery: DiscoveryState;
  /** Schemas of the installed kinds: OpenAPI, strategic merge patch and field validation read them. */
  readonly schemas: SchemaRegistry;
  /** Handlers after the API routes, before the delegate (the custom resource handler of the apiextensions server). */
  private readonly handlers: Middleware[] = [];
  /** Routes that must run before the API routes (aggregated discovery, OpenAPI, metrics). */
  readonly nonResourceRouter = new Router();
  private readonly healthCheckList: HealthCheck[] = [{ name: 'ping', check: async () => undefined }];
  private readonly readyCheckList: HealthCheck[] = [];
  private readonly postStartHookList: { name: string; hook: Hook }[] = [];
  private readonly completedHooks = new Set<string>();
  private readonly preShutdownHookList: { name: string; hook: Hook }[] = [];
  private readonly storages: Storage[] = [];
  private readonly installedGroups = new Set<string>();
  private server?: http.Server;
  private insecureServer?: http.Server;
  /** Connections accepted on the insecure port: their requests are the unsecured superuser. */
  private readonly insecureSockets = new WeakSet<Socket>();
  /** Connections switched to another protocol (exec, attach, port-forward streams): cut at shutdown. */
  private readonly upgradedSockets = new Set<Duplex>();
  private readonly termination = new GracefulTermination();
  private shutdownDone?: Promise<void>;
  private readonly maxRequestBodyBytes: number;
  readonly metrics = new APIServerMetrics();
  readonly logger: Logger;

  constructor(private readonly opts: GenericAPIServerOptions = {}) {
    this.maxRequestBodyBytes = opts.maxRequestBodyBytes ?? 3 * 1024 * 1024;
    this.discovery = opts.discovery ?? new DiscoveryState();
    this.schemas = opts.schemas ?? new SchemaRegistry();
    // Asynchronous stdout (pino flushes it at exit): the request log of a busy server is written in
    // batches while a write is in flight, instead of one blocking write(2) per request on the event loop.
    this.logger = opts.logger ?? pino({ level: opts.logLevel ?? defaultLogLevel(), base: { component: 'apiserver' } }, pino.destination({ dest: 1, sync: false }));
    this.readyCheckList.push({
      name: 'shutdown',
      check: async () => {
        if (this.termination.shutdownInitiated) throw new Error('shutting down');
      },
    });
  }

  /**
   * Config.AdmissionControl, for a server whose plugins are known only once its modules are loaded:
   * must come before any group is installed, as every route takes the chain it had then.
   */
  get admission(): AdmissionInterface | undefined {
    return this.opts.admission;
  }

  setAdmission(admission: AdmissionInterface): void {
    if (this.installedGroups.size) throw new Error('the admission chain must be set before API groups are installed');
    this.opts.admission = admission;
  }

  installLegacyAPIGroup(apiPrefix: string, info: APIGroupInfo): void {
    if (groupNameOf(info) !== '') throw new Error(`legacy API group must be the empty group, got ${JSON.stringify(groupNameOf(info))}`);
    this.installAPIResources(apiPrefix, info);
  }

  installAPIGroups(...infos: APIGroupInfo[]): void {
    for (const info of infos) {
      const group = groupNameOf(info);
      if (!group) throw new Error('cannot register an API group with an empty name');
      this.installAPIResources(`/apis/${group}`, info);
    }
  }

  private installAPIResources(prefix: string, info: APIGroupInfo): void {
    const group = groupNameOf(info);
    if (this.installedGroups.has(group)) throw new Error(`API group ${JSON.stringify(group || 'core')} is already installed`);
    this.installedGroups.add(group);
    if (info.schemas) this.schemas.add(...info.schemas);
    for (const gv of info.prioritizedVersions) {
      const storageMap = info.versionedResourcesStorageMap[gv.version];
      if (!storageMap || Object.keys(storageMap).length === 0) continue;
      // One router per resource (with its subresources): a request is matched against its resource's routes only.
      const resources = Object.entries(byResource(storageMap)).flatMap(([resource, resourceStorage]) =>
        new APIInstaller(this.resourceRouter(`${prefix}/${gv.version}/${resource}`), prefix, gv, resourceStorage, {
          maxRequestBodyBytes: this.maxRequestBodyBytes,
          minRequestTimeoutSeconds: this.opts.minRequestTimeoutSeconds,
          schemas: this.schemas,
          protobufMessages: info.protobufMessages,
          admission: this.opts.admission,
        }).install(),
      );
      this.discovery.addGroupVersion(gv, resources);
      this.storages.push(...Object.values(storageMap));
      this.addObjectCounters(group, storageMap);
    }
  }

  /** The router of one resource's routes ("/api/v1/pods", "/apis/apps/v1/deployments"), made on first use. */
  private resourceRouter(resourcePath: string): Router {
    let router = this.resourceRouters.get(resourcePath);
    if (!router) this.resourceRouters.set(resourcePath, (router = new Router()));
    return router;
  }

  /**
   * Resource requests go straight to their resource's router: a map lookup on the path's segments,
   * then only that resource's routes are matched. With every resource's routes in one router, each
   * request was matched against all of them in turn (≈ 6–9 % of a create's and a cached GET's CPU in
   * the bench profiles). "/api/v1/namespaces/x/status" names no resource "status": the namespaces
   * router answers it. A path no resource router answers goes on to `router` (discovery, routes added
   * by hand) as before.
   */
  private resourceDispatch(): Middleware {
    const dispatchers = new Map<Router, Middleware>();
    return (ctx, next) => {
      const [resourcePath, orElse] = resourcePathsOf(ctx.path);
      const router = (resourcePath && this.resourceRouters.get(resourcePath)) || (orElse && this.resourceRouters.get(orElse));
      if (!router) return next();
      let dispatch = dispatchers.get(router);
      if (!dispatch) dispatchers.set(router, (dispatch = router.routes() as Middleware));
      return dispatch(ctx, next);
    };
  }

  /** apiserver_storage_objects: one counter per top-level resource whose storage can count. */
  private addObjectCounters(group: string, storageMap: Record<string, Storage>): void {
    for (const [path, storage] of Object.entries(storageMap)) {
      const count = (storage as { count?: () => Promise<number> }).count;
      if (path.includes('/') || typeof count !== 'function') continue;
      this.metrics.addObjectCounter({ resource: group ? `${path}.${group}` : path, count: () => count.call(storage) });
    }
  }

  /** Serves requests the API routes did not (NonGoRestfulMux.NotFoundHandler of the apiextensions server); may call next. */
  handle(handler: Middleware): void {
    this.handlers.push(handler);
  }

  /** UnprotectedHandler: this link's routes and handlers, then its delegate's; without filters. */
  unprotectedHandler(): Middleware {
    const delegate = this.opts.delegationTarget ?? emptyDelegate;
    return chainHandlers([this.resourceDispatch(), this.router.routes() as Middleware, ...this.handlers, delegate.unprotectedHandler()]);
  }

  postStartHooks(): { name: string; hook: Hook }[] {
    return [...this.postStartHookList];
  }

  preShutdownHooks(): { name: string; hook: Hook }[] {
    return [...this.preShutdownHookList];
  }

  healthChecks(): HealthCheck[] {
    return this.healthCheckList.filter((c) => c.name !== 'ping' && !c.name.startsWith('poststarthook/'));
  }

  readyzChecks(): HealthCheck[] {
    return this.readyCheckList.filter((c) => c.name !== 'shutdown');
  }

  /** This server as a link of the chain, except `destroy` (a caller adding its own storage wraps it). */
  delegationParts(): Omit<DelegationTarget, 'destroy'> {
    return {
      unprotectedHandler: () => this.unprotectedHandler(),
      postStartHooks: () => this.postStartHooks(),
      preShutdownHooks: () => this.preShutdownHooks(),
      healthChecks: () => this.healthChecks(),
      readyzChecks: () => this.readyzChecks(),
    };
  }

  async destroy(): Promise<void> {
    for (const s of this.storages) await Promise.resolve(s.destroy?.()).catch(() => undefined);
    await this.opts.delegationTarget?.destroy();
  }

  /** The delegate's hooks and checks become this server's, as kube's NewAPIServer copies them from its delegationTarget. */
  private adoptDelegate(): void {
    const delegate = this.opts.delegationTarget;
    if (!delegate) return;
    for (const { name, hook } of delegate.postStartHooks()) this.addPostStartHook(name, hook);
    for (const { name, hook } of delegate.preShutdownHooks()) this.addPreShutdownHook(name, hook);
    this.addHealthChecks(...delegate.healthChecks());
    this.addReadyzChecks(...delegate.readyzChecks());
  }

  addHealthChecks(...checks: HealthCheck[]): void {
    this.healthCheckList.push(...checks);
  }

  addReadyzChecks(...checks: HealthCheck[]): void {
    this.readyCheckList.push(...checks);
  }

  /** Runs once the server listens; /healthz, /livez and /readyz report `poststarthook/<name>` until it has finished. */
  addPostStartHook(name: string, hook: Hook): void {
    this.postStartHookList.push({ name, hook });
    const check: HealthCheck = {
      name: `poststarthook/${name}`,
      check: async () => {
        if (!this.completedHooks.has(name)) throw new Error('not finished');
      },
    };
    this.healthCheckList.push(check);
  }

  addPreShutdownHook(name: string, hook: Hook): void {
    this.preShutdownHookList.push({ name, hook });
  }

  /** PrepareRun: the non-resource endpoints, installed after every group so discovery is complete. */
  private prepareRun(): void {
    this.adoptDelegate();
    const app = this.app;
    app.proxy = false;
    app.silent = true;
    // DefaultBuildHandlerChain, outermost first: request log, Audit-Id, graceful termination
    // (WithRetryAfter, WithWaitGroup), errors as Status, metrics,
    // authentication, impersonation, in-flight limits, authorization, request timeout, then the routes.
    app.use(withHTTPLogging(this.logger));
    app.use(withAuditId());
    app.use(this.termination.filter());
    app.use(async (ctx, next) => {
      ctx.set('Cache-Control', 'no-cache, private');
      try {
        await next();
      } catch (err) {
        writeError(ctx, err);
      }
      if (ctx.status === 404 && ctx.body === undefined && ctx.respond !== false) {
        writeError(ctx, new StatusError(404, 'NotFound', 'the server could not find the requested resource', {}));
      }
    });
    app.use(this.metrics.instrument());
    const authentication = withFailedAuthenticationAudit(this.authenticationOptions(), this.opts.audit);
    if (authentication) app.use(withAuthentication(authentication));
    if (this.opts.audit) app.use(withAudit(this.opts.audit));
    app.use(withImpersonation(this.opts.authorizer ?? alwaysAllowAuthorizer));
    app.use(
      withMaxInFlightLimit({
        maxRequestsInFlight: this.opts.maxRequestsInFlight ?? 400,
        maxMutatingRequestsInFlight: this.opts.maxMutatingRequestsInFlight ?? 200,
        observe: (kind, n) => this.metrics.observeInflight(kind, n),
      }),
    );
    if (this.opts.authorizer) app.use(withAuthorization(this.opts.authorizer));
    app.use(withRequestTimeout(this.opts.requestTimeoutMs ?? 60_000));
    for (const filter of this.opts.innerFilters ?? []) app.use(filter);
    this.nonResourceRouter.get('/metrics', async (ctx) => {
      ctx.body = await this.metrics.registry.metrics();
      ctx.set('Content-Type', this.metrics.registry.contentType);
    });
    installHealthChecks(this.nonResourceRouter, '/healthz', () => [...this.healthCheckList, ...this.readyCheckList.filter((c) => c.name !== 'shutdown')]);
    installHealthChecks(this.nonResourceRouter, '/livez', () => this.healthCheckList);
    installHealthChecks(this.nonResourceRouter, '/readyz', () => [...this.healthCheckList, ...this.readyCheckList]);
    this.nonResourceRouter.get('/version', (ctx) => writeObject(ctx, 200, versionInfo));
    installAggregatedDiscovery(this.nonResourceRouter, this.discovery);
    installOpenAPI(this.nonResourceRouter, this.discovery, this.schemas);
    app.use(this.nonResourceRouter.routes());
    installDiscovery(this.router, this.discovery, () => this.address());
    // The chain: this server's routes, then the next link's (the apiextensions server), then NotFound.
    app.use(this.unprotectedHandler());
    // allowedMethods sets its status after the routes ran, so the Status body is written around it.
    // koa-router answers 501 for a method no route has (TRACE); go-restful answers 405 for it too.
    app.use(async (ctx, next) => {
      await next();
      if (ctx.status === 405 || ctx.status === 501) {
        writeError(ctx, new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}));
      }
    });
    app.use(this.router.allowedMethods({ throw: false }));
  }

  /**
   * The configured authentication, with the insecure port's superuser in front when that port is
   * open, and refused requests logged as kube's "Unable to authenticate the request" unless the
   * caller handles them.
   */
  private authenticationOptions(): AuthenticationOptions | undefined {
    const authentication = this.opts.authentication;
    if (!authentication) return undefined;
    const onFailure =
      authentication.onFailure ??
      ((_ctx, err) => {
        if (err) this.logger.info({ err: (err as Error).message }, 'Unable to authenticate the request');
      });
    if (!this.opts.insecurePort) return { ...authentication, onFailure };
    return { ...authentication, onFailure, authenticator: insecureSuperuser((s) => this.insecureSockets.has(s), authentication.authenticator) };
  }

  /**
   * Listens (HTTPS when secure serving is configured, and the loopback insecure port when asked),
   * runs post-start hooks, then reports ready. Resolves with the URL it serves.
   */
  async run(host = '127.0.0.1', port = 8080): Promise<string> {
    this.prepareRun();
    const handler = this.app.callback();
    const secure = this.opts.secureServing;
    const limits = this.opts.httpServerLimits ?? httpServerLimitsFromEnv();
    this.server = secure ? createSecureServer(secure, handler, limits) : this.plainServer(handler, limits);
    this.serveUpgrades(this.server, handler);
    await listen(this.server, port, host);
    if (this.opts.insecurePort) {
      this.insecureServer = this.plainServer(handler, limits);
      this.serveUpgrades(this.insecureServer, handler);
      this.insecureServer.on('connection', (socket) => this.insecureSockets.add(socket));
      try {
        await listen(this.insecureServer, this.opts.insecurePort, '127.0.0.1');
      } catch (err) {
        this.server.close();
        throw err;
      }
      this.logger.warn({ url: this.insecureURL() }, 'serving insecurely on an unauthenticated, unauthorized port: every request there is system:unsecured in system:masters');
    }
    for (const { name, hook } of this.postStartHookList) {
      try {
        await hook();
        this.completedHooks.add(name);
      } catch (err) {
        throw new Error(`post-start hook "${name}" failed: ${(err as Error).message}`);
      }
    }
    return this.url();
  }

  private serveUpgrades(server: http.Server, handler: http.RequestListener): void {
    serveUpgrades(server, handler, (socket) => {
      this.upgradedSockets.add(socket);
      socket.once('close', () => this.upgradedSockets.delete(socket));
    });
  }

  private plainServer(handler: http.RequestListener, limits: HTTPServerLimits): http.Server {
    const server = http.createServer(httpServerOptions(limits), handler);
    applyHTTPServerLimits(server, limits);
    return server;
  }

  address(): string {
    const addr = this.server?.address() as AddressInfo | null;
    return addr ? `${addr.address}:${addr.port}` : '';
  }

  url(): string {
    return urlOf(this.server, this.opts.secureServing ? 'https' : 'http');
  }

  /** http://127.0.0.1:<port> of the insecure port, or '' when it is off. */
  insecureURL(): string {
    return urlOf(this.insecureServer, 'http');
  }

  /**
   * Graceful termination in kube-apiserver's order (preparedGenericAPIServer.RunWithContext):
   * ShutdownInitiated — /readyz fails and the pre-shutdown hooks run — then, after
   * --shutdown-delay-duration and the hooks, NotAcceptingNewRequest: the listeners close (or,
   * with --shutdown-send-retry-after, answer 429 until drained), in-flight requests finish within
   * --request-timeout, watches end within --shutdown-watch-termination-grace-period; then the
   * connections close, audit is flushed and storage destroyed last. Calling it again returns the
   * same promise.
   */
  shutdown(): Promise<void> {
    return (this.shutdownDone ??= this.runShutdown());
  }

  private async runShutdown(): Promise<void> {
    const log = (event: string) => this.logger.info({ event }, '[graceful-termination] shutdown event');
    this.termination.shutdownInitiated = true;
    log('ShutdownInitiated');
    const hooks = (async () => {
      for (const { name, hook } of this.preShutdownHookList) {
        await Promise.resolve(hook()).catch((err) => this.logger.warn({ hook: name, err: (err as Error).message }, 'pre-shutdown hook failed'));
      }
    })();
    await Promise.all([hooks, new Promise((resolve) => setTimeout(resolve, this.opts.shutdownDelayMs ?? 0))]);
    this.termination.stopAcceptingNewRequests();
    log('NotAcceptingNewRequest');
    const servers = [this.server, this.insecureServer].filter((s): s is http.Server => s !== undefined && s.listening);
    const stop = () => {
      log('HTTPServerStoppedListening');
      return servers.map((server) => ({ server, closed: stopListening(server) }));
    };
    let closing = this.opts.sendRetryAfter ? [] : stop();
    // In-flight requests are bounded by --request-timeout (60 s when it is off).
    const requestTimeoutMs = this.opts.requestTimeoutMs || 60_000;
    const [drained, watchesEnded] = await Promise.all([
      this.termination.drained(requestTimeoutMs + 1000),
      endWatches(watchesOf(this.app), this.opts.watchTerminationGracePeriodMs ?? 0),
    ]);
    log('InFlightRequestsDrained');
    if (!drained || !watchesEnded) this.logger.warn({ drained, watchesEnded }, '[graceful-termination] requests still open are cut');
    if (this.opts.sendRetryAfter) closing = stop();
    // Switched streams are no longer the HTTP server's connections: they end with it, as kube's hijacked ones do.
    for (const socket of this.upgradedSockets) socket.destroy();
    await Promise.all(closing.map(({ server, closed }) => closeConnections(server, closed, 250, 2000)));
    // After the listeners: the events of the requests that were still running are flushed too.
    await Promise.resolve(this.opts.audit?.backend.shutdown()).catch(() => undefined);
    await this.destroy();
  }
}
