import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { APIGroupInfo, GenericAPIServer } from '@kapi/apiserver-core';
import type { ServerRunOptions } from '../options';
import { defaultControllerTimings } from './controller-context';
import { ControllerManager } from './controller-manager';
import { controllerDescriptors, enabledControllers } from './index';
import { defaultLeaderElectionConfig } from './leaderelection/leader-elector';

/**
 * The controller manager --controllers, --leader-elect* and the timings ask for. The holder identity
 * is the host name and a fresh uuid, as kube-controller-manager's, so two instances on one host differ.
 */
export function newControllerManager(opts: ServerRunOptions, groups: ReadonlyMap<string, APIGroupInfo>, server: GenericAPIServer, rootCA: string | undefined): ControllerManager {
  const names = new Set(enabledControllers(opts.controllers ?? ['*']));
  // KAPI_HOSTNAME stands in for the machine's name where several instances share one host (tests,
  // examples); kube-apiserver has no flag for it, as it expects one apiserver per machine.
  const hostname = process.env.KAPI_HOSTNAME || os.hostname();
  return new ControllerManager(
    controllerDescriptors.filter((d) => names.has(d.name)),
    {
      groups,
      server,
      rootCA,
      hostname,
      identity: `${hostname}_${randomUUID()}`,
      timings: { ...defaultControllerTimings(), ...reconcileInterval(opts), ...opts.controllerTimings },
      clock: opts.embedding?.clock,
    },
    { ...defaultLeaderElectionConfig(), ...opts.leaderElection },
  );
}

/** --endpoint-reconciler-interval paces the kubernetes service controller (its master lease lives 1.5 times as long). */
function reconcileInterval(opts: ServerRunOptions): { kubernetesServiceIntervalMs?: number } {
  return opts.endpointReconcilerIntervalMs > 0 ? { kubernetesServiceIntervalMs: opts.endpointReconcilerIntervalMs } : {};
}
