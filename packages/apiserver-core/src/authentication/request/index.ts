export * from './x509';
export * from './anonymous';
export * from './union';
export * from './group-adder';
export * from './bearer-token';
export * from './insecure-superuser';
