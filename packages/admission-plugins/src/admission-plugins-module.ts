import { ContainerModule } from 'inversify';
import { mutatingAdmissionWebhookPlugin, validatingAdmissionPolicyPlugin, validatingAdmissionWebhookPlugin, bindService, AdmissionPluginKey } from '@kapi/apiserver-core';
import { defaultIngressClassPlugin } from './defaultingressclass/admission';
import { defaultTolerationSecondsPlugin } from './defaulttolerationseconds/admission';
import { limitRangerPlugin } from './limitranger/admission';
import { namespaceLifecyclePlugin } from './namespace-lifecycle/admission';
import { taintNodesByConditionPlugin } from './nodetaint/admission';
import { podSecurityPlugin } from './podsecurity/admission';
import { certificateApprovalPlugin, certificateSigningPlugin, certificateSubjectRestrictionPlugin } from './certificates/admission';
import { priorityPlugin } from './priority/admission';
import { runtimeClassPlugin } from './runtimeclass/admission';
import { defaultStorageClassPlugin } from './storage/default-storage-class';
import { persistentVolumeClaimResizePlugin } from './storage/persistent-volume-claim-resize';
import { storageObjectInUseProtectionPlugin } from './storage/storage-object-in-use-protection';
import { resourceQuotaPlugin } from './resourcequota/admission';
import { serviceAccountPlugin } from './serviceaccount/admission';

/** Binds kube-apiserver's built-in admission plugins that kapi implements; flags choose which run. */
export const admissionPluginsModule = new ContainerModule((bind) => {
  const plugins = [
    namespaceLifecyclePlugin,
    limitRangerPlugin,
    taintNodesByConditionPlugin,
    podSecurityPlugin,
    priorityPlugin,
    defaultTolerationSecondsPlugin,
    defaultStorageClassPlugin,
    storageObjectInUseProtectionPlugin,
    persistentVolumeClaimResizePlugin,
    runtimeClassPlugin,
    certificateApprovalPlugin,
    certificateSigningPlugin,
    certificateSubjectRestrictionPlugin,
    defaultIngressClassPlugin,
    mutatingAdmissionWebhookPlugin,
    validatingAdmissionPolicyPlugin,
    validatingAdmissionWebhookPlugin,
    resourceQuotaPlugin,
    serviceAccountPlugin,
  ];
  for (const plugin of plugins) bindService(bind, AdmissionPluginKey).toConstantValue(plugin);
});

export default admissionPluginsModule;
