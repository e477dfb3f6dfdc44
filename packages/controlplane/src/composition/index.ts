export * from './create-server';
export * from './kubeconfig';
