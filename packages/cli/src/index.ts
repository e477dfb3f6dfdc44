export * from './flags';
export * from './main';
export * from './server-command';
export * from './duration';
