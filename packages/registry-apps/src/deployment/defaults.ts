import type { KObject } from '@kapi/apiserver-core';
import { defaultPodTemplateSpec } from '../common/pod-template';
import { specOf, type DeploymentSpec } from '../common/types';

/** SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go). */
export function setDefaultsDeployment(obj: KObject): void {
  const spec = specOf<DeploymentSpec>(obj);
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplateSpec(spec.template);
}
