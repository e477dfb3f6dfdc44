export * from './status';
export * from './status-error';
