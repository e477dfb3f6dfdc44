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
  const hostname = os.hostname();
  return new ControllerManager(
    controllerDescriptors.filter((d) => names.has(d.name)),
    { groups, server, rootCA, hostname, identity: `${hostname}_${randomUUID()}`, timings: { ...defaultControllerTimings(), ...opts.controllerTimings }, clock: opts.embedding?.clock },
    { ...defaultLeaderElectionConfig(), ...opts.leaderElection },
  );
}
