import type { IngressClass } from './types';

/** SetDefaults_IngressClass: parameters without a scope are cluster-wide. */
export function setIngressClassDefaults(ic: IngressClass): void {
  const params = ic.spec?.parameters;
  if (params && params.scope === undefined) params.scope = 'Cluster';
}
