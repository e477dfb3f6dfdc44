export * from './field';
export * from './names';
export * from './objectmeta';
