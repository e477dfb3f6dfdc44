export * from './certificate-authority';
export * from './sign';
