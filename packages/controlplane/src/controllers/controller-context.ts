import type { APIGroupInfo, Clock, GenericAPIServer } from '@kapi/apiserver-core';

/** A controller kapi runs in-process (as k3s bundles kube-controller-manager's loops). */
export interface InProcessController {
  start(): void;
  stop(): void | Promise<void>;
}

/** How often the in-process controllers act; tests shorten these. */
export interface ControllerTimings {
  /** The kubernetes Service/Endpoints reconcile period (kube's EndpointInterval, 10 s). */
  kubernetesServiceIntervalMs: number;
  /** --identity-lease-duration-seconds (3600) and --identity-lease-renew-interval-seconds (10). */
  identityLeaseDurationSeconds: number;
  identityLeaseRenewIntervalMs: number;
  /** How often the garbage collector looks for resources that appeared or went (kube: 30 s). */
  gcResyncMs: number;
  /** --legacy-service-account-token-clean-up-period (365 days) and how often the cleaner looks (a day). */
  legacyTokenCleanUpPeriodMs: number;
  legacyTokenCleanerSyncMs: number;
}

export function defaultControllerTimings(): ControllerTimings {
  return {
    kubernetesServiceIntervalMs: 10_000,
    identityLeaseDurationSeconds: 3600,
    identityLeaseRenewIntervalMs: 10_000,
    gcResyncMs: 5_000,
    legacyTokenCleanUpPeriodMs: 365 * 24 * 3600_000,
    legacyTokenCleanerSyncMs: 24 * 3600_000,
  };
}

/** What a controller is built from (kube-controller-manager's ControllerContext, reduced to in-process needs). */
export interface ControllerContext {
  /** Every link's groups, read live: a CRD established later is seen. */
  groups: ReadonlyMap<string, APIGroupInfo>;
  /** The front link: its post-start hooks are the bootstrap reconciles a controller repeats. */
  server: GenericAPIServer;
  /** The cluster CA certificate (PEM) published as kube-root-ca.crt. */
  rootCA?: string;
  /** The process's identity: the leader election holder and the apiserver identity Lease. */
  identity: string;
  /** This apiserver's host name, hashed into its identity Lease's name. */
  hostname: string;
  timings: ControllerTimings;
  /** The time leader election and the namespace controller read (default the wall clock; the testing kit moves it). */
  clock?: Clock;
}

export interface ControllerDescriptor {
  /** kube-controller-manager's name where it has the controller, else kube-apiserver's post-start hook's. */
  name: string;
  /** Older names --controllers still takes (kube-controller-manager keeps such aliases too). */
  aliases?: string[];
  /**
   * true for kube-controller-manager's controllers: one of several kapi instances runs them, under
   * the leader Lease. false for what kube-apiserver runs in every instance (bootstrap, identity, APF).
   */
  leaderElected: boolean;
  build(ctx: ControllerContext): InProcessController;
}
