export * from './serving-hosts';
export * from './cert-dir';
export * from './secure-serving-config';
export * from './admin-kubeconfig';
