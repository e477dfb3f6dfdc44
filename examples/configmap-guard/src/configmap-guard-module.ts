import { ContainerModule } from 'inversify';
import { AdmissionPluginKey, bindService, type AdmissionPlugin } from '@kapi/apiserver-core';
import { ConfigMapGuard, type ConfigMapGuardConfiguration } from './configmap-guard';

/** The plugin as kapi finds it: an AdmissionPlugin bound in a ContainerModule (`kapi server --plugin`). */
export const configMapGuardPlugin: AdmissionPlugin = {
  name: 'ConfigMapGuard',
  newPlugin: (config) => new ConfigMapGuard(config as ConfigMapGuardConfiguration | undefined),
};

export const configMapGuardModule = new ContainerModule((bind) => {
  bindService(bind, AdmissionPluginKey).toConstantValue(configMapGuardPlugin);
});

export default configMapGuardModule;
